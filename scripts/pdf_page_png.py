"""Render one page of a PDF as a PNG (for the README's picture of the monthly report).

    python scripts/pdf_page_png.py REPORT.pdf PAGE OUT.png [--scale 1.5]
"""

from __future__ import annotations

import argparse
import sys

import pypdfium2


def main() -> int:
    """Render the page; exit 2 with a message when the PDF or page cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf")
    parser.add_argument("page", type=int, help="1-based page number")
    parser.add_argument("out")
    parser.add_argument("--scale", type=float, default=1.5, help="1 = 72 dots per inch")
    args = parser.parse_args()
    try:
        document = pypdfium2.PdfDocument(args.pdf)
        if not 1 <= args.page <= len(document):
            print(f"{args.pdf}: has {len(document)} pages, not page {args.page}",
                  file=sys.stderr)
            return 2
        document[args.page - 1].render(scale=args.scale).to_pil().save(args.out)
    except (OSError, pypdfium2.PdfiumError) as error:
        print(f"{args.pdf}: cannot render ({error})", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
