"""Jinja2 templates and CSS shared by the HTML and PDF reports."""
