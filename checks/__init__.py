"""Built-in check packs, installed as `auditor.checks` and registered by entry point."""
