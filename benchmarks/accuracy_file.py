"""Print the published detector accuracy figures as the README's table.

Evaluation scripts publish their figures with `--publish` (`auditor.accuracy`);
`make accuracy` runs them all, then this script.
"""

from __future__ import annotations

from auditor.accuracy import markdown_table, published_accuracy

if __name__ == "__main__":
    print(markdown_table(published_accuracy()))
