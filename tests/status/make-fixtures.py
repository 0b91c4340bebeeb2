#!/usr/bin/env python3
"""Writes the `mma status` fixtures under tests/status/tailspin/ from its plan.json (the plan of
the README's first command, copied): a Get-MigrationUser export as Windows PowerShell 5's
Export-Csv writes it (#TYPE line, every value quoted, UTF-8 with a byte-order mark), the same
export as UTF-16 LE and BE, a Get-MigrationBatch and a Get-MigrationUserStatistics export.
The report day of the tests is 2026-02-24. Run from the repository root."""
import json, os

D = "tests/status/tailspin"
plan = json.load(open(f"{D}/plan.json"))
batches = {b["name"]: b["members"] for b in plan["batches"]}
names = [b["name"] for b in plan["batches"]]

rows = []  # (identity, batch, status, error, dcs, last sync)
def add(addr, batch, status, error="", dcs="Perfect", last=""):
    rows.append((addr, batch, status, error, dcs, last))

day = {b["name"]: b["date"] for b in plan["batches"]}
def invariant(date):  # PowerShell's invariant culture: MM/dd/yyyy HH:mm:ss
    y, m, d = date.split("-")
    return f"{m}/{d}/{y} 02:13:05"

# 01..07 and 09 completed on their day; a few with warnings.
for n in names[:9]:
    if n.startswith("08-"):
        continue
    for i, m in enumerate(batches[n]):
        add(m, n, "CompletedWithWarnings" if i == 1 else "Completed", last=invariant(day[n]))
# 08: late, with failures.
b08 = names[7]
smtp = "MigrationPermanentException: Error: The target mailbox doesn't have an SMTP proxy matching 'tailspintoys.mail.onmicrosoft.com'."
for i, m in enumerate(batches[b08]):
    if i in (0, 1):
        add(m, b08, "Failed", smtp)
    elif i == 2:
        add(m, b08, "CompletionFailed", "The migration can't complete until its skipped items are approved.", "Investigate")
    elif i == 3:
        add(m, b08, "IncrementalFailed", smtp)
    else:
        add(m, b08, "Completed", last="2026-02-19T03:00:00Z")
# 10: synced on its day, waiting for completion.
b10 = names[9]
for i, m in enumerate(batches[b10]):
    add(m, b10, ["Synced", "IncrementalSynced", "CompletionSynced"][i % 3])
# 11: in progress, one stopped, one missing from the export.
b11 = names[10]
for i, m in enumerate(batches[b11][:-1]):
    add(m, b11, ["Syncing", "IncrementalSyncing", "IncrementalStopped", "Synced"][min(i, 3)] if i < 3 else "Synced")
# 12: starting up.
b12 = names[11]
cycle = ["Queued", "Validating", "Provisioning", "ProvisionUpdating", "Starting"]
for i, m in enumerate(batches[b12]):
    add(m, b12, cycle[i % len(cycle)])
# 13: created today; the rest of the statuses Microsoft lists.
b13 = names[12]
cycle = ["Syncing", "Completing", "Removing", "Stopping", "Stopped", "Corrupted"]
for i, m in enumerate(batches[b13]):
    s = cycle[i] if i < len(cycle) else "Syncing"
    add(m, b13, s, "The migration user is corrupted; remove it and add it again." if s == "Corrupted" else "")
# A mailbox the plan does not know.
add("newhire@tailspintoys.com", b13, "Syncing")

cols = ["Identity", "Identifier", "BatchId", "RecipientType", "Status", "StatusSummary", "ErrorSummary",
        "LastSuccessfulSyncTime", "DataConsistencyScore", "HasUnapprovedSkippedItems", "SkippedItemCount"]
def q(v):
    return '"' + str(v).replace('"', '""') + '"'
summary = {"Completed": "Completed", "CompletedWithWarnings": "Completed", "Failed": "Failed",
           "IncrementalFailed": "Failed", "CompletionFailed": "Failed", "Corrupted": "Failed",
           "Stopped": "Stopped", "IncrementalStopped": "Stopped", "Synced": "Synced",
           "IncrementalSynced": "Synced", "CompletionSynced": "Synced"}
lines = ["#TYPE Microsoft.Exchange.Migration.MigrationUser", ",".join(q(c) for c in cols)]
for a, b, s, e, dcs, last in rows:
    lines.append(",".join(q(v) for v in [a, a, b, "Mailbox", s, summary.get(s, "Syncing"), e, last, dcs,
                                         "True" if dcs == "Investigate" else "False", "3" if dcs == "Investigate" else "0"]))
text = "\r\n".join(lines) + "\r\n"
open(f"{D}/users.csv", "wb").write(b"\xef\xbb\xbf" + text.encode("utf-8"))
open(f"{D}/users-utf16le.csv", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open(f"{D}/users-utf16be.csv", "wb").write(b"\xfe\xff" + text.encode("utf-16-be"))

# Get-MigrationBatch: the planned batches that exist, and one the plan does not know.
bstatus = {0: "Completed", 1: "Completed", 2: "Completed", 3: "Completed", 4: "Completed", 5: "Completed",
           6: "Completed", 7: "SyncedWithErrors", 8: "Completed", 9: "Synced", 10: "Syncing", 11: "Starting",
           12: "Syncing"}
bcols = ["Identity", "Status", "TotalCount", "SyncedCount", "FailedCount", "CompleteAfter"]
blines = ["#TYPE Microsoft.Exchange.Migration.MigrationBatch", ",".join(q(c) for c in bcols)]
for i, s in bstatus.items():
    n = names[i]
    blines.append(",".join(q(v) for v in [n, s, len(batches[n]), 0, 0, plan["batches"][i]["complete_after_utc"]]))
blines.append(",".join(q(v) for v in ["test-batch", "Completed", 1, 1, 0, ""]))
open(f"{D}/batches.csv", "wb").write(b"\xef\xbb\xbf" + ("\r\n".join(blines) + "\r\n").encode("utf-8"))

# Get-MigrationUserStatistics for batch 08: the full error texts and scores.
scols = ["Identity", "BatchId", "Status", "Error", "DataConsistencyScore", "SkippedItemCount", "BytesTransferred"]
slines = ["#TYPE Microsoft.Exchange.Migration.MigrationUserStatistics", ",".join(q(c) for c in scols)]
for a, b, s, e, dcs, last in rows:
    if b == b08 and e:
        slines.append(",".join(q(v) for v in [a, b, s, e, dcs, 3 if dcs == "Investigate" else 0, 0]))
open(f"{D}/statistics.csv", "wb").write(b"\xef\xbb\xbf" + ("\r\n".join(slines) + "\r\n").encode("utf-8"))
