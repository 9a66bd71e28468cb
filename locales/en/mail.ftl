# Mail (issue 13): the mails, the outbox page, the chase form, the profile's mail settings.

mail-greeting = Hello { $name },
mail-footer = You receive this mail because you have an account on the EU–Canada partnership tracker. Choose the language of your mails and the notices you receive in your profile: { $url }
mail-open-cycle = Open the review cycle
mail-open-commitment = Open the commitment

mail-cycle-open-subject = { $title }: submissions are open until { $deadline }
mail-cycle-open-body = The secretariat has opened the review cycle for the { $title }. Please record your side’s assessment of each commitment you lead — its status, a narrative where one is needed, and evidence links — by { $deadline }.

mail-reminder-subject = Reminder: { $count ->
    [one] 1 assessment is
   *[other] { $count } assessments are
} due by { $deadline }
mail-reminder-body = The deadline of the { $title } is { $deadline }, in { $days ->
    [one] 1 day
   *[other] { $days } days
}. Your side has not yet assessed { $count ->
    [one] this commitment
   *[other] these { $count } commitments
}:

mail-overdue-subject = Overdue: { $count ->
    [one] 1 assessment is
   *[other] { $count } assessments are
} missing
mail-overdue-body = The deadline of the { $title } was { $deadline }. Your side has still not assessed { $count ->
    [one] this commitment
   *[other] these { $count } commitments
}:

mail-chase-subject = The secretariat asks for { $count ->
    [one] 1 missing assessment
   *[other] { $count } missing assessments
}
mail-chase-body = The secretariat of the { $title } asks your side to record { $count ->
    [one] this missing assessment
   *[other] these { $count } missing assessments
} (deadline { $deadline }):

mail-deadline-passed-subject = { $title }: the submission deadline has passed
mail-deadline-passed-body = The submission deadline of the { $title } was { $deadline }. The European Union has assessed { $eu } and Canada { $ca } of { $total } commitments.

mail-signed-off-subject = { $title }: both sides have signed off
mail-signed-off-body = Both sides have signed their submissions for the { $title } off as complete. The cycle can move to reconciliation.

mail-divergent-subject = Commitment { $ref }: the two sides’ statuses differ
mail-divergent-body = In the { $title }, the European Union now reports “{ $eu }” and Canada “{ $ca }” for commitment { $ref }. The secretariat will reconcile them; you may want to compare notes with the other side’s lead officer.

mail-kind-cycle-open = A review cycle opens
mail-kind-reminder = Reminders before the deadline
mail-kind-overdue = Overdue notices
mail-kind-chase = Requests from the secretariat
mail-kind-deadline-passed = The submission deadline has passed (secretariat)
mail-kind-signed-off = Both sides have signed off (secretariat)
mail-kind-divergent = A commitment you lead becomes divergent

outbox-title = Mail outbox
outbox-intro = Every mail the tracker sends is queued here first, in the transaction of the change that causes it, and sent once by whichever instance claims it.
outbox-no-server = No mail server is configured (SDP_SMTP_URL): mails wait here until one is.
outbox-caption = The latest mails
outbox-filter = Show
outbox-filter-all = All
outbox-state-queued = Queued
outbox-state-sending = Sending
outbox-state-sent = Sent
outbox-state-failed = Failed
outbox-to = To
outbox-subject = Subject
outbox-kind = Kind
outbox-state = State
outbox-created = Queued at
outbox-attempts = Attempts
outbox-error = Last error
outbox-sent-at = Sent at
outbox-next = Next attempt
outbox-retry = Retry
outbox-text = Text of the mail
outbox-empty = No mail has been queued.
outbox-done-retried = The mail will be sent again shortly.
outbox-error-retry = That mail was sent or is being sent: it is not sent again.
outbox-warning = Warning
outbox-show = Show

chase-heading = Chase missing submissions
chase-intro = Sends each officer of the side chosen the list of their missing assessments, in their language.
chase-side = Side
chase-officers = Officers
chase-officers-hint = Leave all unticked to write to every officer of the side who has something missing.
chase-submit = Send the reminders
chase-done = The reminders were queued: each officer chosen who has something missing receives their list. The mail outbox shows them.
chase-error-side = Choose a side.
chase-error-officers = Choose officers of the side chosen.

profile-mail-heading = Mail
profile-mail-lang = Language of your mails
profile-mail-kinds = Notices you receive
profile-mail-kinds-hint = The opening of a cycle, overdue notices and the secretariat’s requests are always sent.
profile-mail-save = Save mail settings
profile-mail-saved = Your mail settings have been saved.
profile-mail-error-lang = Choose English or French.
