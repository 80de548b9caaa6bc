#!/usr/bin/env bash
# The body of the composite GitHub Action (action.yml): run `auditor scan` from the
# action's inputs, publish the Markdown summary and the step outputs, and exit with
# the audit's own exit code (0 pass, 1 gate failed, 2 usage or input error, 3 a
# check crashed).
#
# Inputs arrive as environment variables (never pasted into the script), so a
# path or policy name cannot inject shell code:
#   AUDIT_PATHS       transcript files or directories, whitespace-separated
#   AUDIT_DECISIONS   decision logs, whitespace-separated
#   AUDIT_POLICY      a policy file ("" = auditor.toml or [tool.auditor] if present)
#   AUDIT_BASELINE    a baseline file or earlier report.json ("" = none)
#   AUDIT_FAIL_ON     critical|high|medium|low|info ("" = the policy's)
#   AUDIT_FAIL_UNDER  a score from 0 to 100 ("" = the policy's, else 80)
#   AUDIT_FORMATS     report formats (default json,html,md,junit,sarif,github)
#   AUDIT_OUT         the report directory (default auditor-report)
#   AUDIT_EXIT_ZERO   "true" for report-only runs
#   AUDITOR           the command to run (default: auditor)
# GitHub provides GITHUB_OUTPUT and GITHUB_STEP_SUMMARY; without them nothing is
# published, so the script runs the same on a laptop.
set -uo pipefail

auditor="${AUDITOR:-auditor}"
out="${AUDIT_OUT:-auditor-report}"
formats="${AUDIT_FORMATS:-json,html,md,junit,sarif,github}"
case ",${formats}," in *",json,"*) ;; *) formats="json,${formats}" ;; esac  # outputs read it

args=(scan)
read -r -a paths <<< "${AUDIT_PATHS:-}"
args+=("${paths[@]}")
read -r -a decisions <<< "${AUDIT_DECISIONS:-}"
for log in "${decisions[@]}"; do args+=(--decisions "$log"); done
[ -n "${AUDIT_POLICY:-}" ] && args+=(--policy "$AUDIT_POLICY")
[ -n "${AUDIT_BASELINE:-}" ] && args+=(--baseline "$AUDIT_BASELINE")
[ -n "${AUDIT_FAIL_ON:-}" ] && args+=(--fail-on "$AUDIT_FAIL_ON")
[ -n "${AUDIT_FAIL_UNDER:-}" ] && args+=(--fail-under "$AUDIT_FAIL_UNDER")
[ "${AUDIT_EXIT_ZERO:-false}" = "true" ] && args+=(--exit-zero)
args+=(--format "$formats" --out "$out")

"$auditor" "${args[@]}"
status=$?

report="$out/report.json"
if [ -f "$report" ] && [ "$status" -le 1 ]; then
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/report.md" ]; then
        cat "$out/report.md" >> "$GITHUB_STEP_SUMMARY"
    fi
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        python3 - "$report" "$out" >> "$GITHUB_OUTPUT" <<'PY'
import json
import sys

document = json.load(open(sys.argv[1], encoding="utf-8"))
summary = document["summary"]
print(f"score={summary['overall_score']}")
print(f"grade={summary['grade']}")
print(f"passed={str(summary['passed']).lower()}")
print(f"findings={summary['findings']}")
print(f"new-findings={document.get('baseline', {}).get('new', summary['findings'])}")
print(f"report-dir={sys.argv[2]}")
print(f"sarif={sys.argv[2]}/report.sarif")
PY
    fi
fi
exit "$status"
