#!/usr/bin/env bash
# The body of the composite GitHub Action (action.yml): run `auditor scan` from the
# action's inputs, publish the Markdown summary and the step outputs, and exit with
# the audit's own exit code (0 pass, 1 gate failed, 2 usage or input error, 3 a
# check crashed).
#
# Inputs arrive as environment variables (never pasted into the script), so a
# path or policy name cannot inject shell code:
#   AUDIT_PATHS       transcript files or directories: one per line, or on one line
#                     separated by spaces (then shell patterns such as *.jsonl expand)
#   AUDIT_DECISIONS   decision logs, the same way
#   AUDIT_POLICY      a policy file ("" = auditor.toml or [tool.auditor] if present)
#   AUDIT_BASELINE    a baseline file or earlier report.json ("" = none)
#   AUDIT_FAIL_ON     critical|high|medium|low|info|none ("" = the policy's, else critical)
#   AUDIT_FAIL_UNDER  a score from 0 to 100 ("" = the policy's, else 80)
#   AUDIT_FORMATS     report formats (default json,html,md,junit,sarif,github;
#                     json and md are always written: the outputs and summary need them)
#   AUDIT_OUT         the report directory (default auditor-report)
#   AUDIT_EXIT_ZERO   "true" for report-only runs
#   AUDITOR           the command to run (default: auditor)
#   PYTHON            the interpreter that reads report.json (default: python3, python)
# GitHub provides GITHUB_OUTPUT and GITHUB_STEP_SUMMARY; without them nothing is
# published, so the script runs the same on a laptop. Written for bash 3.2 and later.
set -uo pipefail

auditor="${AUDITOR:-auditor}"
out="${AUDIT_OUT:-auditor-report}"
formats="${AUDIT_FORMATS:-json,html,md,junit,sarif,github}"
for needed in json md; do
    case ",${formats}," in *",${needed},"*) ;; *) formats="${needed},${formats}" ;; esac
done

# Paths: one per line (spaces kept), or one line split on spaces with patterns expanded.
add_paths() {  # add_paths OPTION VALUE: append each path, preceded by OPTION if given
    local option="$1" value="$2" line lines=0
    while IFS= read -r line; do
        [ -n "${line//[[:space:]]/}" ] && lines=$((lines + 1))
    done <<< "$value"
    while IFS= read -r line; do
        line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
        [ -z "$line" ] && continue
        if [ "$lines" -gt 1 ]; then
            [ -n "$option" ] && args+=("$option"); args+=("$line")
        else
            # shellcheck disable=SC2086  # splitting and pattern expansion are wanted here
            for path in $line; do [ -n "$option" ] && args+=("$option"); args+=("$path"); done
        fi
    done <<< "$value"
}

args=(scan)
add_paths "" "${AUDIT_PATHS:-}"
add_paths --decisions "${AUDIT_DECISIONS:-}"
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
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        cat "$out/report.md" >> "$GITHUB_STEP_SUMMARY"
    fi
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        python="${PYTHON:-$(command -v python3 || command -v python)}"
        if ! "$python" - "$report" "$out" >> "$GITHUB_OUTPUT" <<'PY'
import json
import os
import sys

document = json.load(open(sys.argv[1], encoding="utf-8"))
summary, out = document["summary"], sys.argv[2]
print(f"score={summary['overall_score']}")
print(f"grade={summary['grade']}")
print(f"passed={str(summary['passed']).lower()}")
print(f"verdict={summary['verdict']}")
print(f"findings={summary['findings']}")
print(f"new-findings={document.get('baseline', {}).get('new', summary['findings'])}")
print(f"report-dir={out}")
sarif = os.path.join(out, "report.sarif")
print(f"sarif={sarif if os.path.isfile(sarif) else ''}")
PY
        then
            echo "::warning::the audit ran, but its outputs could not be set (no Python found)"
        fi
    fi
fi
exit "$status"
