"""Seeds a fresh Pagure test database for sigmeet's tracker tests.

Run inside the Pagure chroot with the chroot's python3 and PAGURE_CONFIG pointing at the test
config (start.sh does both): python3 seed.py BASE_URL. Prints one JSON object on stdout:
  {"baseUrl": BASE_URL, "tokens": {"fedora-sig/eln": "...", "demo": "..."}, "users": [...], ...}

What it creates (the database must be empty: start.sh recreates it every time):
  users     sigmeet-bot, alice, bob (local auth; password = PASSWORD below)
  projects  fedora-sig/eln and demo, owned by bob; sigmeet-bot has commit access, alice ticket
            access; close statuses CLOSE_STATUSES on both
  tokens    one project API token per project for sigmeet-bot with BOT_ACLS, and one without
            modify_project ("limitedTokens": a bot that may not create tags)
"""

import datetime
import json
import os
import sys

if "PAGURE_CONFIG" not in os.environ:
    sys.exit("seed.py: PAGURE_CONFIG must point at the test config")

import pagure.config  # noqa: E402  (reads PAGURE_CONFIG at import)
import pagure.lib.login  # noqa: E402
import pagure.lib.model_base  # noqa: E402
import pagure.lib.query  # noqa: E402

CONFIG = pagure.config.config

PASSWORD = "sigmeet-test"
USERS = [
    ("sigmeet-bot", "sigmeet meeting bot"),
    ("alice", "Alice Tester"),
    ("bob", "Bob Owner"),
]
OWNER = "bob"
PROJECTS = [("fedora-sig", "eln"), (None, "demo")]
CLOSE_STATUSES = ["Fixed", "Won't fix", "Duplicate"]
# Names from ACLS in pagure/default_config.py (5.14.1): creating, commenting, closing/reopening,
# assigning and editing issues; POST /tags/new requires modify_project (there is no narrower
# tag ACL, and no API to edit an existing tag or an existing issue's tags).
BOT_ACLS = [
    "issue_create",
    "issue_comment",
    "issue_change_status",
    "issue_assign",
    "issue_update",
    "issue_update_milestone",
    "issue_update_custom_fields",
    "issue_subscribe",
    "modify_project",
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seed.py BASE_URL")
    base_url = sys.argv[1]
    # Pagure's test_auth git backend prints to stdout: keep stdout for the JSON alone.
    out, sys.stdout = sys.stdout, sys.stderr
    session = pagure.lib.model_base.create_session(CONFIG["DB_URL"])
    for username, fullname in USERS:
        pagure.lib.query.set_up_user(
            session, username, fullname, "%s@example.test" % username
        )
        user = pagure.lib.query.search_user(session, username=username)
        user.password = pagure.lib.login.generate_hashed_value(PASSWORD)
        session.add(user)
    session.commit()

    known = set(CONFIG["ACLS"])
    missing = [acl for acl in BOT_ACLS if acl not in known]
    if missing:
        sys.exit("seed.py: ACLs unknown to this Pagure: %s" % ", ".join(missing))

    tokens = {}
    limited_tokens = {}
    expiry = datetime.date.today() + datetime.timedelta(days=365)
    for namespace, name in PROJECTS:
        fullname = "%s/%s" % (namespace, name) if namespace else name
        task = pagure.lib.query.new_project(
            session,
            user=OWNER,
            name=name,
            namespace=namespace,
            blacklist=CONFIG["BLACKLISTED_PROJECTS"],
            allowed_prefix=CONFIG["ALLOWED_PREFIX"],
            repospanner_region=None,
            description="sigmeet test project %s" % fullname,
        )
        task.get(timeout=60)  # eager Celery: already ran; re-raises its error if any
        session.commit()
        project = pagure.lib.query._get_project(session, name, namespace=namespace)
        if project is None:
            sys.exit("seed.py: project %s was not created" % fullname)
        pagure.lib.query.add_user_to_project(
            session, project, new_user="sigmeet-bot", user=OWNER, access="commit"
        )
        pagure.lib.query.add_user_to_project(
            session, project, new_user="alice", user=OWNER, access="ticket"
        )
        project.close_status = CLOSE_STATUSES
        session.add(project)
        session.commit()
        token = pagure.lib.query.add_token_to_user(
            session,
            project,
            BOT_ACLS,
            "sigmeet-bot",
            expiry,
            description="sigmeet tests",
        )
        tokens[fullname] = token.id
        limited = pagure.lib.query.add_token_to_user(
            session,
            project,
            [acl for acl in BOT_ACLS if acl != "modify_project"],
            "sigmeet-bot",
            expiry,
            description="sigmeet tests, no modify_project",
        )
        limited_tokens[fullname] = limited.id

    json.dump(
        {
            "baseUrl": base_url,
            "tokens": tokens,
            "limitedTokens": limited_tokens,
            "users": [u for u, _ in USERS],
            "password": PASSWORD,
            "projects": list(tokens),
            "closeStatuses": CLOSE_STATUSES,
            "acls": BOT_ACLS,
        },
        out,
    )
    out.write("\n")
    session.remove()


if __name__ == "__main__":
    main()
