# Submissions the secretariat can chase, and each side’s sign-off (issue 11 item 5).
submissions-heading = Who has not submitted
submissions-csv-intro = Download the list as a spreadsheet (CSV)
submissions-csv-both = both sides
submissions-no-lead = No lead officer
submissions-none = Every commitment has been saved by this side.
submissions-count = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}
submissions-missing-eu = { $count ->
    [one] 1 commitment still has no EU assessment.
   *[other] { $count } commitments still have no EU assessment.
}
submissions-missing-ca = { $count ->
    [one] 1 commitment still has no Canadian assessment.
   *[other] { $count } commitments still have no Canadian assessment.
}
submissions-complete = Complete
submissions-not-signed = Not signed off
submissions-signed = Signed off by { $name } on { $when }
submissions-signoff-hint = Tell the secretariat that your side’s submission for this cycle is complete. A later save by your side reopens it.
submissions-signoff-eu = Sign the EU submission off as complete
submissions-signoff-ca = Sign the Canadian submission off as complete
submissions-confirm-title = Sign your submission off as complete?
submissions-warning = Warning
submissions-confirm-text = Sign off anyway? The secretariat will see your side’s submission as complete. A later save by your side reopens it.
submissions-confirm-button = Sign off anyway
submissions-cancel = Cancel
submissions-back = Back to the review cycle
submissions-done-signoff = Your side’s submission has been signed off as complete.
submissions-refused-closed = Submissions can only be signed off while the review cycle is open.
submissions-dashboard-heading = Submissions signed off
submissions-dashboard-link = Who has not submitted, and signing off
submissions-csv-side = Side
submissions-csv-lead = Lead officer
submissions-csv-email = E-mail
submissions-csv-reference = Reference
submissions-csv-title = Title
submissions-csv-area = Area
submissions-csv-bad-side = The side must be eu or ca.
submissions-show = Show the commitments
