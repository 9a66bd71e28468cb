# Correcting a review cycle, deleting one never opened, and state moves that say what they do
# (issue 11, items 1 and 2).

lifecycle-error-meeting-year = The date of the Dialogue must fall in the cycle’s year.
lifecycle-error-transition = This move is not possible: a cycle moves forward one step at a time, and only a cycle in reconciliation can be reopened for submissions. Freezing and publishing cannot be undone.
lifecycle-error-immutable = This cycle is { $state }: its dates, titles and place can no longer change. Record an erratum to correct what it shows.
lifecycle-error-was-opened = This cycle has been open for submissions, so it cannot be deleted. Correct its dates, titles or place instead.

lifecycle-done-edited = The cycle’s details have been corrected.
lifecycle-done-unchanged = Nothing changed: the cycle already had these details.
lifecycle-done-reopened = The cycle is open for submissions again.
lifecycle-done-deleted = The cycle has been deleted.

lifecycle-back = Back to the cycle
lifecycle-cancel = Cancel
lifecycle-now = The cycle is now
lifecycle-warning = Warning
lifecycle-one-way = This cannot be undone.

lifecycle-moves-heading = Change the cycle
lifecycle-moves-hint = You will see what a move does, and confirm it, before anything changes. Freezing and publishing cannot be undone; a cycle in reconciliation can be reopened for submissions until it is frozen.
lifecycle-reopen-button = Reopen for submissions
lifecycle-edit-link = Correct the dates, titles or place
lifecycle-delete-link = Delete this cycle

lifecycle-confirm-title = Move the { $year } cycle to “{ $state }”?
lifecycle-reopen-title = Reopen the { $year } cycle for submissions?
lifecycle-confirm-button = Yes, move it to “{ $state }”
lifecycle-open-now = Submissions open for both sides now: officers can save their assessments until the deadline, { $deadline }.
lifecycle-close-now = Submissions close for both sides now: officers can no longer save their assessments.
lifecycle-missing-eu = { $missing } of { $total } commitments have no EU assessment.
lifecycle-missing-ca = { $missing } of { $total } commitments have no Canada assessment.
lifecycle-close-reopen = The secretariat can reopen submissions until the cycle is frozen.
lifecycle-deadline-in = { $days ->
    [0] The deadline is today.
    [one] The deadline is tomorrow.
   *[other] The deadline is in { $days } days.
}
lifecycle-deadline-passed = { $days ->
    [one] The deadline passed yesterday.
   *[other] The deadline passed { $days } days ago.
}
lifecycle-reopen-now = Submissions reopen for both sides now: officers can save their assessments again until the deadline, { $deadline }.
lifecycle-reopen-extend = Correct the cycle’s deadline first if officers need more time: their saves are not refused, but they will show as late.
lifecycle-reopen-joint = Joint statuses already recorded stay as they are; reconcile again what changes.
lifecycle-freeze-now = Joint statuses can no longer change, and neither can the cycle’s dates, titles and place: later corrections are recorded as errata.
lifecycle-missing-joint = { $missing } of { $total } commitments have no joint status.
lifecycle-publish-now = The public summary will show this cycle’s joint statuses and public summary lines to everyone, in place of the last published cycle. Narratives and next steps stay internal.

lifecycle-edit-title = Correct the { $year } cycle
lifecycle-edit-intro = Until the cycle is frozen, its dates, titles and place can be corrected; each correction shows in the cycle’s history. The year does not change: a cycle created under the wrong year can be deleted, if it was never opened, and created again.
lifecycle-edit-save = Save the corrections
lifecycle-edit-errata = Record an erratum instead
lifecycle-delete-heading = Delete the cycle
lifecycle-delete-hint = It has never been opened for submissions, so it can still be deleted.

lifecycle-delete-title = Delete the { $year } cycle?
lifecycle-delete-intro = It has never been opened: it holds no assessment, joint status or erratum. The deletion is recorded in the audit log.
lifecycle-delete-button = Yes, delete the cycle

lifecycle-history = History
lifecycle-history-empty = The cycle has not changed since it was created.
lifecycle-history-reopened = Reopened
lifecycle-history-corrected = Details corrected
lifecycle-history-none = (none)
