# The reconciliation table, its filters, in-place saves and bulk actions (issue 11.3).
reconcile-filters = Show
reconcile-filter-all = All commitments
reconcile-filter-divergent = Divergent
reconcile-filter-unreviewed = No joint status yet
reconcile-filter-challenges = With challenges
reconcile-filter-regressed = Regressed since the last cycle
reconcile-filter-unknown = There is no such filter. Choose one of the filters above the table.
reconcile-showing = Showing { $shown } of { $total } commitments.
reconcile-no-rows = No commitment matches this filter.
reconcile-col-commitment = Commitment
reconcile-col-divergence = Divergence
reconcile-narrative-more = Full narrative
reconcile-texts = Summary and next steps
reconcile-row-save = Save
reconcile-row-saved = Saved
reconcile-conflict-theirs = Their joint status:
reconcile-conflict-intro = Your text is kept in the form. Save your version to replace theirs, or reload the page to keep theirs.
reconcile-live-not-saved = The joint review of { $ref } was not saved: { $reason }
reconcile-bulk-heading = Bulk actions
reconcile-untouched-heading = Commitments neither side assessed
reconcile-untouched-hint = { $count ->
    [0] Every commitment was assessed by at least one side or has a joint status.
    [one] 1 commitment was assessed by neither side and has no joint status.
   *[other] { $count } commitments were assessed by neither side and have no joint status.
}
reconcile-untouched-link = Record “Not yet assessed” for them
reconcile-untouched-title = Record “Not yet assessed” for the commitments neither side assessed
reconcile-untouched-intro = { $count ->
    [one] 1 commitment was assessed by neither side. It will get the joint status “Not yet assessed”, with the reason below as its public summary line in English and French.
   *[other] { $count } commitments were assessed by neither side. Each will get the joint status “Not yet assessed”, with the reason below as its public summary line in English and French.
}
reconcile-reason-en = Reason (English)
reconcile-reason-fr = Reason (French)
reconcile-reason-hint = Shown on the public summary next to each of these commitments, up to 500 characters.
reconcile-reason-error-en = Give the reason in English, in at most 500 characters.
reconcile-reason-error-fr = Give the reason in French, in at most 500 characters.
reconcile-continue = Continue
reconcile-untouched-confirm = { $count ->
    [one] Record “Not yet assessed” for 1 commitment
   *[other] Record “Not yet assessed” for { $count } commitments
}
reconcile-untouched-confirm-intro = Check the reason. Each commitment listed below gets the joint status “Not yet assessed” with this public summary line. Each can still be changed afterwards in the table.
reconcile-accept-confirm = { $count ->
    [one] Accept the agreed status for 1 commitment
   *[other] Accept the agreed status for { $count } commitments
}
reconcile-accept-confirm-intro = Each commitment listed below gets, as its joint status, the status both sides gave it. Each can still be changed afterwards in the table.
reconcile-cancel = Cancel
reconcile-bulk-list = Commitments that change
reconcile-bulk-nothing = There is no commitment to change.
reconcile-changed = { $count ->
    [0] Nothing was saved: the commitments changed since this page was opened, and none is left to change.
    [one] Nothing was saved: the commitments changed since this page was opened. 1 commitment is now concerned; check the list and confirm again.
   *[other] Nothing was saved: the commitments changed since this page was opened. { $count } commitments are now concerned; check the list and confirm again.
}
reconcile-recorded = { $count ->
    [one] 1 commitment was given the joint status “Not yet assessed”.
   *[other] { $count } commitments were given the joint status “Not yet assessed”.
}
