#!/usr/bin/env bash
# Checks the issue API behaviour sigmeet relies on against the server started by start.sh, with
# plain curl, and prints a transcript (tokens masked). Exits non-zero on the first mismatch.
# Mutates the test instance (creates issues 1..3 in fedora-sig/eln on a fresh start).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

info="$PAGURE_RUN/pagure.json"
[ -f "$info" ] || { echo "pagure verify: no $info (run start.sh)" >&2; exit 1; }
# pagure.json is flat enough for sed; no jq needed.
json_str() { sed -n "s/.*\"$1\": \"\([^\"]*\)\".*/\1/p"; }
BASE=$(json_str baseUrl <"$info")
# Only from "tokens": "limitedTokens" has the same keys.
tokens=$(sed -n 's/.*"tokens": {\([^}]*\)}.*/\1/p' "$info")
TOKEN=$(printf '%s\n' "$tokens" | json_str 'fedora-sig\/eln')
[ -n "$BASE" ] && [ -n "$TOKEN" ] || { echo "pagure verify: cannot read baseUrl/token from $info" >&2; exit 1; }
DEMO_TOKEN=$(printf '%s\n' "$tokens" | json_str demo)
API="$BASE/api/0/fedora-sig/eln"
AUTH="Authorization: token $TOKEN"

body=""
code=""
# req EXPECTED_STATUS EXPECTED_SUBSTRING curl-args...
req() {
  local want=$1 expect=$2 out
  shift 2
  out=$(curl -s -w '\n%{http_code} %{content_type}' "$@")
  code=$(printf '%s' "$out" | tail -n1)
  body=$(printf '%s' "$out" | sed '$d')
  printf '$ curl %s\n' "$*" | sed "s/$TOKEN/\$TOKEN/g; s/$DEMO_TOKEN/\$DEMO_TOKEN/g"
  printf '%s\n' "$code"
  printf '%s\n\n' "$body" | cut -c1-400
  if [ "${code%% *}" != "$want" ]; then
    echo "pagure verify: expected HTTP $want, got $code" >&2; exit 1
  fi
  if [ -n "$expect" ] && ! grep -qF -- "$expect" <<<"$body"; then
    echo "pagure verify: response lacks: $expect" >&2; exit 1
  fi
}

req 200 '"version":"0.31"' "$BASE/api/0/-/version"
req 200 '"username":"sigmeet-bot"' -X POST -H "$AUTH" "$BASE/api/0/-/whoami"

# Create with tags (comma-separated `tag` is split), then assign, comment.
req 200 '"tags":["meeting","sigmeet"]' -X POST -H "$AUTH" \
  -d title='ELN compose status' -d issue_content='Agenda item' -d tag='meeting,sigmeet' "$API/new_issue"
req 200 '"id":1,' "$API/issue/1?comments=0"
req 200 '"Issue assigned to alice"' -X POST -H "$AUTH" -d assignee=alice "$API/issue/1/assign"
req 200 '"Nothing to change"' -X POST -H "$AUTH" -d assignee=alice "$API/issue/1/assign"
req 400 '"error_code":"ENOCODE"' -X POST -H "$AUTH" -d assignee=nosuchuser "$API/issue/1/assign"
req 200 '"message":"Comment added"' -X POST -H "$AUTH" -d comment='Discussed; action on @alice.' "$API/issue/1/comment"
req 200 '"notification":true' "$API/issue/1"

# Unknown assignee at create time: 500 with an HTML page, and no issue is created.
req 500 '' -X POST -H "$AUTH" -d title='bad assignee' -d issue_content='x' -d assignee=nosuchuser "$API/new_issue"
grep -qi '<html\|<!doctype' <<<"$body" || { echo "pagure verify: expected an HTML 500 page" >&2; exit 1; }
req 404 '"error_code":"ENOISSUE"' "$API/issue/2"

# Two more issues, then pagination.
req 200 '"id":2,' -X POST -H "$AUTH" -d title='Second' -d issue_content='b' -d tag=meeting "$API/new_issue"
req 200 '"id":3,' -X POST -H "$AUTH" -d title='Third' -d issue_content='c' -d tag=other "$API/new_issue"
req 200 '"total_issues":2' "$API/issues?per_page=2&page=1"
grep -qF '"pages":2' <<<"$body" || { echo "pagure verify: expected pages 2" >&2; exit 1; }
grep -qF '"next":"'"$API"'/issues?per_page=2&page=2"' <<<"$body" || { echo "pagure verify: unexpected next link" >&2; exit 1; }
req 200 '"total_issues":1' "$API/issues?per_page=2&page=2"
grep -qF '"next":null' <<<"$body" || { echo "pagure verify: expected next null on the last page" >&2; exit 1; }
req 400 '"error_code":"EINVALIDPERPAGEVALUE"' "$API/issues?per_page=200"
req 200 '"total_issues":2' "$API/issues?tags=meeting"

# Close with a close status, repeat, reopen.
req 200 'Issue close_status updated to: Fixed' -X POST -H "$AUTH" -d status=Closed -d close_status=Fixed "$API/issue/1/status"
req 200 '"message":"No changes"' -X POST -H "$AUTH" -d status=Closed -d close_status=Fixed "$API/issue/1/status"
req 200 '"close_status":"Fixed"' "$API/issue/1?comments=0"
req 400 '"error_code":"EINVALIDREQ"' -X POST -H "$AUTH" -d status=Closed -d close_status=Nope "$API/issue/2/status"
req 200 'Issue status updated to: Open (was: Closed)' -X POST -H "$AUTH" -d status=Open "$API/issue/1/status"
req 200 '"close_status":null' "$API/issue/1?comments=0"

# Tags: list, create one with a colour, list again.
req 200 '"tags":["meeting","other","sigmeet"]' "$API/tags"
req 200 '"message":"Tag created"' -X POST -H "$AUTH" -d tag=agreed -d tag_color='#00aa00' -d tag_description='decided' "$API/tags/new"
req 200 '"total_tags":4' "$API/tags"

# Auth failures.
req 401 '"error_code":"EINVALIDTOK"' -X POST -H "Authorization: token nope" -d comment=x "$API/issue/1/comment"
req 401 '"error_code":"EINVALIDTOK"' -X POST -H "Authorization: token $DEMO_TOKEN" -d comment=x "$API/issue/1/comment"
req 400 '"error_code":"EINVALIDREQ"' -X POST -H "$AUTH" -d title='no content' "$API/new_issue"

echo "pagure verify: all checks passed against $BASE"
