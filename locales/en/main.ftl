# sdp-tracker — English catalogue (Fluent, loaded by fluent-templates).
# Keep the keys identical to locales/fr/main.ftl. No terms, no plurals;
# if a variable is ever needed, use { $count }.

## Layout (templates/base.html)

service-name = SDP Tracker
skip-to-content = Skip to main content
nav-label = Main navigation
nav-menu = Menu
nav-home = Home
nav-text = Partnership text
nav-app = Dashboard
breadcrumbs-label = Breadcrumb
marking-label = Security marking
footer-text = EU–Canada Security and Defence Partnership — implementation tracker

## Home page

home-title = EU–Canada Security and Defence Partnership
home-intro = This service follows how the European Union and Canada implement their Security and Defence Partnership, paragraph by paragraph.
home-reference = Council document
home-document-date = Document date
home-signed = Signed
home-areas = Areas
home-paragraphs = Paragraphs
home-read-text = Read the full text
home-caption = Implementation tracker
home-parties = Parties
home-area = Area
home-total = Total

## Partnership text

text-title = Partnership text
text-paragraph = Paragraph
text-contents = Contents
text-lang-notice = The text of the partnership is not available in English here; it is shown in French.

## Area pages

area-title = Area of cooperation
area-paragraphs = Paragraphs in this area
area-back = Back to the full text
area-parent = Part of
area-caption = Area of cooperation
area-no-paragraphs = No paragraph of the text falls under this area.
area-children = Sub-areas
area-paragraph-count = paragraphs
area-in-text = See this area in the full text

## Error pages

error-not-found-title = Page not found
error-not-found-body = If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.
error-server-title = Sorry, there is a problem with the service
error-server-body = Try again later. If the problem continues, contact the service team and quote the request reference.
error-request-id = Request reference
error-bad-request-title = There is a problem with your request
error-bad-request-body = Check the web address or the information you entered, then try again.
error-unavailable-title = Service unavailable
error-unavailable-body = The service is temporarily unavailable. Try again later.
error-detail-title = Details
error-home-link = Go to the home page
error-forbidden-title = You do not have access to this page
error-forbidden-body = If you think you should have access, contact the service team.
error-method-title = This action is not allowed
error-method-body = The page does not accept this kind of request. Go back and try again.
error-too-large-title = The request is too large
error-too-large-body = Send less data at once, then try again.
error-too-many-title = Too many requests
error-too-many-body = You have sent too many requests in a short time. Wait a few minutes, then try again.

## Accounts and sessions
nav-login = Sign in
nav-account = Your account
logout = Sign out
login-title = Sign in
login-email = Email address
login-password = Password
login-submit = Sign in
login-error = The email address or password is not right.
login-throttled = { $minutes ->
    [one] Too many failed sign-in attempts. Wait 1 minute, then try again.
   *[other] Too many failed sign-in attempts. Wait { $minutes } minutes, then try again.
}
error-summary-title = There is a problem
error-prefix = Error:
password-title = Change your password
password-forced = You signed in with a one-time password. Choose your own password to continue.
password-current = Current password
password-new = New password
password-confirm = Confirm the new password
password-hint = Between 12 and 128 characters. Any characters, spaces included. A passphrase of several words works well.
password-submit = Change password
password-error-current = The current password is not right.
password-error-same = The new password must differ from the current one.
password-error-confirm = The two new passwords do not match.
password-changed = Your password has been changed.
account-error-email = Enter an email address in the right format, like name@example.org
account-error-password-short = The password must have at least 12 characters.
account-error-password-long = The password must have at most 128 characters.
account-error-officer-side = An officer must act for a side: choose EU or Canada.
profile-title = Your account
profile-email = Email address
profile-name = Name
profile-role = Role
profile-change-password = Change your password
token-heading = API tokens
token-intro = Personal tokens let your scripts use the JSON API as you. A token is shown once when it is created; revoke it when it is no longer needed.
token-label = Token name
token-prefix = Starts with
token-created = Created
token-last-used = Last used
token-state = Status
token-revoked = Revoked
token-revoke = Revoke
token-create = Create a token
token-error-label = Enter a token name of at most 100 characters.
token-created-title = Token created
token-created-once = Copy this token now: it will not be shown again.
token-back = Back to your account
app-title = Dashboard
app-welcome = Signed in as
app-admin-users = Manage accounts
app-admin-assignments = Assign lead officers
app-audit = Audit log
banner-success = Success
role-admin = Administrator
role-secretariat = Dialogue secretariat
role-officer = Desk officer
role-viewer = Reader
side-eu = European Union
side-ca = Canada
form-error-unreadable = The form could not be read. Try again.
form-error-utf8 = The form contains characters that are not valid text (UTF-8).
form-error-nul = The form contains a NUL character, which is not allowed.
form-error-invalid = The form is incomplete or not valid.
request-error-path = The address contains characters that are not allowed (control characters, or bytes that are not valid text).
request-error-query = The address contains a NUL character, which is not allowed.

## User administration, lead officers, audit log (templates/admin, templates/audit)

admin-users-title = Accounts
admin-users-caption = Every account
admin-create-account = Create an account
admin-email = Email address
admin-display-name = Name
admin-role = Role
admin-side = Side
admin-side-hint = Desk officers act for one side. Other roles usually have none.
admin-side-none = No side
admin-organisation = Organisation
admin-organisation-hint = For example, EEAS, Global Affairs Canada or National Defence. Optional.
admin-status = Status
admin-active = Active
admin-inactive = Inactive
admin-active-hint = An inactive account cannot sign in; its current sessions end at once.
admin-save = Save changes
admin-back-users = Back to the accounts
admin-back-account = Back to this account
admin-edit-caption = Account
admin-reset-heading = Reset the password
admin-reset-body = Issues a new one-time password and signs the person out everywhere. They must choose their own password at their next sign-in.
admin-reset-submit = Reset the password
admin-deactivate-heading = Deactivate the account
admin-deactivate-body = The person is signed out everywhere and can no longer sign in. The account and its history are kept.
admin-deactivate-submit = Deactivate the account
admin-created-title = Account created
admin-reset-title = Password reset
admin-one-time-password = One-time password
admin-account-for = Account:
admin-warning = Warning
admin-one-time-password-once = This password is shown only once. Give it to the person securely; they must change it when they first sign in.
admin-done-updated = The account has been updated.
admin-done-deactivated = The account has been deactivated and its sessions ended.
admin-done-lead-added = The lead officer has been assigned.
admin-done-lead-removed = The lead officer has been removed.
admin-error-display-name = Enter a name of 1 to 200 characters.
admin-error-role = Choose a role.
admin-error-side = Choose a side: none, European Union or Canada.
admin-error-organisation = Enter an organisation of at most 200 characters.
admin-error-email-taken = An account with this email address already exists.
admin-error-self-demote = You cannot remove your own administrator role: ask another administrator.
admin-error-self-deactivate = You cannot deactivate your own account: ask another administrator.
admin-error-commitment = Choose a commitment of the partnership.
admin-error-lead-not-officer = Choose an active desk officer: only desk officers can lead a commitment.
admin-error-lead-exists = This officer already leads this commitment.
admin-assignments-title = Lead officers
admin-assignments-intro = Each commitment can have lead officers on each side. An officer leads for their own side.
admin-assignments-caption = Lead officers by commitment
admin-lead-add-heading = Assign a lead officer
admin-lead-commitment = Commitment
admin-lead-officer = Desk officer
admin-lead-officer-hint = Only active desk officers are listed.
admin-lead-add = Assign
admin-lead-remove = Remove
admin-leads-eu = European Union leads
admin-leads-ca = Canada leads
admin-no-lead = None
admin-choose = Choose
audit-filter = Filter the events
audit-action = Action
audit-action-hint = Starts with, for example user. or assignment.add
audit-actor = Actor
audit-actor-hint = Part of an email address, or cli or system
audit-entity = Record
audit-entity-hint = For example user or commitment_lead
audit-from = From
audit-to = To
audit-date-hint = Day in UTC, as YYYY-MM-DD, for example 2026-03-31
audit-apply = Apply the filter
audit-clear = Clear the filter
audit-caption = Events, newest first
audit-time = Time (UTC)
audit-change = Change
audit-details = Before and after
audit-before = Before
audit-after = After
audit-none = No event matches this filter.
audit-pagination = Pages of the audit log
audit-previous = Previous page
audit-next = Next page
audit-page = Page
audit-error-date = Enter a date as YYYY-MM-DD, for example 2026-03-31.

## Status scale, cycle states, submissions (shared by every tracking page)
status-not-assessed = Not yet assessed
status-not-started = Not started
status-on-track = Underway – on track
status-challenges = Underway – with challenges
status-completed = Completed – fully met
status-completed-modified = Completed – modified
status-ongoing = Ongoing
status-discontinued = Discontinued
status-carried = carried forward — not yet reviewed
status-none = No assessment yet
cycle-state-planned = Planned
cycle-state-open = Open for submissions
cycle-state-reconciliation = Reconciliation
cycle-state-frozen = Frozen
cycle-state-published = Published
submission-not-reviewed = Not yet reviewed
submission-saved = Saved
submission-overdue = Overdue
divergent = Divergent
assessment-error-status = Choose a status.
assessment-error-narrative-required = Explain this status: a narrative is required for it.
assessment-error-narrative-long = The narrative must have at most 20,000 characters.
assessment-error-too-many-links = Give at most 10 evidence links.
assessment-error-link-scheme = Evidence links must start with http:// or https://.
assessment-error-link-invalid = Enter a valid evidence link, like https://www.example.org/report
assessment-error-label-long = An evidence label must have at most 200 characters.

## Dashboard
dashboard-due-today = The deadline is today
dashboard-days-left = { $count ->
    [one] 1 day left
   *[other] { $count } days left
}
dashboard-days-overdue = { $count ->
    [one] The deadline passed 1 day ago
   *[other] The deadline passed { $count } days ago
}
dashboard-deadline = Submission deadline
dashboard-mine = My commitments
dashboard-mine-none = No commitment is assigned to you as lead.
dashboard-ref = Commitment
dashboard-area = Area
dashboard-my-side = My side's status
dashboard-this-cycle = This cycle
dashboard-missing = What my side still has to submit
dashboard-missing-none = Your side has assessed every commitment in this cycle.
dashboard-missing-count = { $count ->
    [one] 1 commitment has no assessment from your side yet:
   *[other] { $count } commitments have no assessment from your side yet:
}
dashboard-progress = Submissions this cycle
dashboard-divergent = Divergent commitments
dashboard-divergent-none = The two sides agree on every commitment both have assessed.
dashboard-recent = Recent activity
dashboard-recent-none = Nothing has been saved in this cycle yet.
dashboard-no-cycle = No review cycle has been opened yet.
dashboard-links = Go to
dashboard-cycles = Review cycles
dashboard-search = Search

## Review cycles: /app/cycles and /app/cycles/{year}
cycles-title = Review cycles
cycles-intro = One review cycle per EU–Canada Security and Defence Dialogue: both sides record their assessments while it is open, then the secretariat reconciles them.
cycles-none = No review cycle has been created yet.
cycles-caption = Cycles, newest first
cycles-back = All review cycles
cycle-caption = Review cycle
cycle-year = Year
cycle-year-hint = The year of the Dialogue, for example 2026
cycle-title = Title
cycle-title-en = Title in English
cycle-title-fr = Title in French
cycle-title-hint = Leave blank for the usual title, for example:
cycle-meeting = Dialogue
cycle-meeting-date = Date of the Dialogue
cycle-place = Place of the Dialogue
cycle-place-en = Place of the Dialogue, in English
cycle-place-en-hint = For example Ottawa or Brussels
cycle-place-fr = Place of the Dialogue, in French
cycle-place-fr-hint = For example Ottawa or Bruxelles. Leave blank if it has no French name yet: French readers then see the English one.
cycle-opens-on = Submissions open on
cycle-deadline = Submission deadline
cycle-date-hint = As YYYY-MM-DD, for example 2026-03-31
cycle-state = State
cycle-create-heading = Create a review cycle
cycle-create = Create the cycle
cycle-done-created = The review cycle has been created. It is planned: open it when submissions start.
cycle-done-state = The review cycle has moved to its next state.
cycle-move-heading = Move the cycle forward
cycle-move-hint = A cycle only moves forward, one step at a time: planned, open for submissions, reconciliation, frozen, published. This cannot be undone.
cycle-move-to = Move to:
cycle-progress = Submission progress
cycle-progress-text = { $saved } of { $total } commitments saved ({ $percent }%)
cycle-chase-count = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}
cycle-divergences = Divergences
cycle-divergences-none = No divergence: wherever both sides have assessed a commitment, they agree.
cycle-ref = Commitment
cycle-area = Area
cycle-history = State changes
cycle-history-none = The cycle has not changed state since it was created.
cycle-history-change = Change
cycle-history-when = When
cycle-history-who = By
cycle-error-year = Enter a year between 2000 and 2100.
cycle-error-title-en = The English title must have at most 300 characters.
cycle-error-title-fr = The French title must have at most 300 characters.
cycle-error-place-en = Enter the place of the Dialogue in English, in at most 200 characters.
cycle-error-place-fr = The French place must have at most 200 characters.
cycle-error-date = Enter a date as YYYY-MM-DD, for example 2026-03-31.
cycle-error-date-order = Submissions must open on or before the deadline, and the deadline must fall on or before the Dialogue.
cycle-error-duplicate-year = There is already a review cycle for that year.
cycle-error-state = Choose the state to move the cycle to.
cycle-error-transition = A cycle only moves forward, one step at a time. Reload the page to see its current state.
cycle-error-already-open = The { $year } cycle is still open for submissions: only one cycle can be open at a time. Move it to reconciliation first.
cycle-error-another-open = Another cycle is open for submissions: only one cycle can be open at a time.
cycle-error-moved = Someone else has just moved this cycle: it is now “{ $state }”.
cycle-error-not-found = There is no review cycle for that year.
cycle-error-no-partnership = No partnership text has been imported yet.
cycle-error-unexpected = The change could not be saved. Try again.

## JSON API errors
api-title-bad-request = The request is not valid
api-title-unauthorized = Authentication required
api-title-forbidden = Not allowed
api-title-not-found = Not found
api-title-conflict = Conflict with the state of the cycle
api-title-precondition-failed = The version is out of date
api-title-unsupported-media-type = Unsupported content type
api-title-unprocessable = The assessment is not valid
api-title-precondition-required = A version is required
api-error-unauthorized = Send a personal API token as "Authorization: Bearer TOKEN", or sign in.
api-error-invalid-token = The API token is not valid: it is unknown, revoked, or its account is deactivated.
api-error-change-password = Change your one-time password in the application before using the API.
api-error-read-only = This account cannot write assessments: only officers write their own side's.
api-error-other-side = Officers write only their own side's assessments.
api-error-not-found = Nothing was found at this address.
api-error-no-partnership = There is no such partnership.
api-error-no-cycle = There is no review cycle for this year.
api-error-no-commitment = There is no such commitment in this partnership.
api-error-if-match-missing = Send the version you saw as If-Match: "N" ("0" for a first assessment).
api-error-if-match-invalid = If-Match must be one version number in double quotes, for example "3".
api-error-content-type = Send the assessment as JSON, with Content-Type: application/json.
api-error-stale = Someone saved this assessment since you read it: the current version is { $version }. Read it again, then send your change with If-Match: "{ $version }".
api-error-cycle-closed = The review cycle is not open: assessments can be written only while it is open.
api-error-invalid = The assessment was not saved; see the errors.
api-error-ref = Give a commitment reference like "25" or "25(c)".
api-error-nul = The text contains a NUL character, which is not allowed.

## Area and commitment pages, the assessment form, search (issue 4)
tracking-no-cycle = No review cycle exists yet: the text is shown, and assessments can be recorded once the secretariat opens a cycle.
board-all-areas = All areas
board-caption = Commitments by area
board-filters = Filter the commitments
board-filter-area = Area
board-filter-status = Status
board-any-status = Any status
board-filter-side = Side
board-either-side = Either side
board-filter-mine = Only commitments assigned to me
board-apply = Apply filters
board-showing = Commitments shown:
board-no-rows = No commitment matches these filters.
board-ref = Ref.
board-text = Commitment
commitment-title = Commitment
commitment-paragraph = Paragraph
commitment-in-text = Read it in the full text
commitment-cycle = Review cycle:
commitment-current = Current assessments
assessment-saved = Your assessment was saved.
assessment-cycle-closed = This cycle is not open for assessments: nothing was saved.
assessment-conflict-title = This assessment was saved again meanwhile
assessment-conflict-intro = Your changes were not saved. The version saved meanwhile is shown here; yours is still in the form. Saving again replaces that version with yours.
assessment-form-heading = Your assessment
assessment-status = Status
assessment-status-hint = Three statuses need a narrative that explains them.
assessment-needs-narrative = A narrative is required.
assessment-narrative = Narrative
assessment-narrative-hint = What has been done, what is planned, and any difficulty.
charcount-characters-under-one = You have { $count } character remaining
charcount-characters-under-other = You have { $count } characters remaining
charcount-characters-at-limit = You have 0 characters remaining
charcount-characters-over-one = You have { $count } character too many
charcount-characters-over-other = You have { $count } characters too many
charcount-words-under-one = You have { $count } word remaining
charcount-words-under-other = You have { $count } words remaining
charcount-words-at-limit = You have 0 words remaining
charcount-words-over-one = You have { $count } word too many
charcount-words-over-other = You have { $count } words too many
charcount-textarea-description = You can enter up to { $count } characters
assessment-narrative-limit = You can enter up to 20,000 characters.
assessment-save = Save assessment
assessment-save-anyway = Save my version
evidence-heading = Evidence links
evidence-hint = Up to 10 links starting with http:// or https://, each with an optional label.
evidence-url = Link
evidence-label = Label of link
revision-by = Saved by
revision-version = version
history-title = History of this cycle
history-empty = Nothing has been saved in this cycle yet.
history-status = Status:
history-first = first assessment
history-unchanged = unchanged
history-narrative = Narrative changed:
history-changed-yes = yes
history-changed-no = no
history-evidence-added = Evidence added:
history-evidence-removed = Evidence removed:
search-title = Search
search-label = Search the text, the narratives and the evidence
search-hint = For example: Gulf of Guinea. Use quotes for an exact phrase.
search-button = Search
search-results = Results
search-no-results = Nothing matches your search. Try other or fewer words.
search-commitment = Commitment
search-paragraph = Paragraph
search-kind-text = In the text
search-kind-narrative = In a narrative
search-kind-evidence = In an evidence label

# Progress report and cycle comparison (issue 5)
trend-improved = Improved
trend-unchanged = Unchanged
trend-regressed = Regressed
trend-new = New
trend-unknown = Not yet assessed
report-title = Progress report
report-text-lang-notice = In this report, the text of the partnership is quoted in French: its English version has not been imported.
report-marking = Marking
report-document-number = Document
report-meeting = Meeting
report-place = Place
report-generated-at = Generated on
report-cycle-state = Cycle state
report-summary = Summary
report-total = Commitments
report-reviewed = With a joint review
report-by-joint-status = By joint status
report-by-side = By side
report-by-area = By area
report-area = Area
report-count = Number
report-status = Status
report-divergences = Divergences
report-trend-since = Trend since the previous cycle
report-no-previous-cycle = There is no previous cycle to compare with.
report-no-trend = No status to compare yet
report-progress-by-area = Progress by area
report-reference = Reference
report-paragraph = Paragraph
report-text = Text
report-text-lang = Language of the text
report-narrative = Narrative
report-evidence = Evidence
report-joint-status = Joint status
report-summary-line = Summary
report-next-steps = Next steps
report-trend = Trend
report-not-submitted = Not submitted
report-no-joint-review = No joint review yet
report-not-submitted-count = Not submitted
report-for-discussion = For discussion
report-nothing-for-discussion = No commitment is flagged for discussion.
report-reasons = Why
report-reason-challenges = With challenges
report-reason-regressed = Regressed
report-errata = Errata
report-no-errata = No erratum has been recorded.
report-erratum-author = By
report-erratum-date = Date
report-erratum-reason = Reason
report-erratum-changes = Changes
report-corrected = corrected (erratum { $numbers })
report-correction = Correction
report-whole-cycle = Whole cycle
report-field-summary-en = Summary (English)
report-field-next-steps-en = Next steps (English)
report-field-next-steps-fr = Next steps (French)
report-field-summary-fr = Summary (French)
report-yes = Yes
report-no = No
report-contents = Contents
report-download = Download the report
report-download-hint = The report in English or French, as a web page to print, a Word document, a PDF, a spreadsheet (CSV) or data (JSON).
report-language = Language
report-format = Format
report-in = in
compare-title = Comparison with another cycle
compare-heading = { $year } compared with { $with }
compare-with-label = Compare with the cycle of
compare-submit = Compare
compare-no-other = There is no other cycle to compare this one with.
compare-basis = Each commitment is compared by its joint status. Where a cycle has no joint review of a commitment, the two sides' status counts when they agree; otherwise the status is unknown and the commitment has no trend (or is new).
compare-counts-caption = Commitments by trend, { $with } to { $year }
compare-chart-title = Trend by area, { $with } to { $year }
compare-chart-desc = Stacked bar chart: for each area, the number of commitments that improved, regressed, are new, stayed unchanged, or have no status yet. The same figures are in the table that follows.
compare-areas-caption = Trend by area, { $with } to { $year }
compare-commitments-caption = Each commitment, { $with } to { $year }
compare-status-in = Status in { $year }
compare-total = Total
compare-back = Back to the cycle
compare-link = Compare with the previous cycle
compare-report-link = Progress report

## Report files (DOCX, PDF)
report-file-page = Page
report-file-contents = Contents
# Reconciliation, freeze and errata (issue 5)
reconcile-title = Reconciliation
reconcile-intro = Agree a joint status for every commitment from the two sides' assessments. Divergent commitments are listed first. The cycle can be frozen once every commitment has a joint status.
reconcile-count-divergent = { $count ->
    [one] 1 divergent commitment
   *[other] { $count } divergent commitments
}
reconcile-count-missing = { $count ->
    [one] 1 commitment without a joint status
   *[other] { $count } commitments without a joint status
}
reconcile-read-only = Joint statuses can only be recorded while the cycle is in reconciliation.
reconcile-accept-heading = Accept where both sides agree
reconcile-accept-hint = { $count ->
    [0] No commitment without a joint status has the same status from both sides.
    [one] 1 commitment without a joint status has the same status from both sides: its joint status will be that status.
   *[other] { $count } commitments without a joint status have the same status from both sides: each joint status will be that status.
}
reconcile-accept = Accept the agreed statuses
reconcile-accepted = { $count ->
    [0] No commitment was accepted: none without a joint status has the same status from both sides.
    [one] 1 commitment was given the status both sides agree on.
   *[other] { $count } commitments were given the status both sides agree on.
}
reconcile-saved = The joint review of { $ref } has been saved.
reconcile-error-state = Joint statuses can only be recorded while the cycle is in reconciliation; it is now “{ $state }”. Nothing was saved.
reconcile-list = Commitments
reconcile-record = Record the joint review
reconcile-edit = Change the joint review
reconcile-back = Back to reconciliation
reconcile-commitment-page = The commitment page, with the full history
joint-status = Joint status
joint-status-choose = Choose a status
joint-summary-en = Public summary (English)
joint-summary-fr = Public summary (French)
joint-summary-hint = One line for the public summary, up to 500 characters.
joint-next-steps = Agreed next steps
joint-next-steps-en = Agreed next steps (English)
joint-next-steps-fr = Agreed next steps (French)
joint-next-steps-hint = Optional, up to 5,000 characters.
joint-save = Save the joint review
joint-save-anyway = Save my version
joint-current = Joint review
joint-none = No joint review yet.
joint-form-heading = Joint review
joint-conflict-title = Saved by someone else in the meantime
joint-conflict-intro = This joint review was saved after you opened the page. Your text is kept in the form: compare, then save your version to replace it, or leave the page to keep theirs.
joint-corrected = An erratum corrects this joint review: see the history below.
joint-error-status = Choose the joint status.
joint-error-summary-en = The English summary must have at most 500 characters.
joint-error-summary-fr = The French summary must have at most 500 characters.
joint-error-next-steps = The English next steps must have at most 5,000 characters.
joint-error-next-steps-fr = The French next steps must have at most 5,000 characters.
errata-title = Errata
errata-intro = A frozen cycle does not change. A later correction is recorded here as an erratum, shown beside the frozen data.
errata-none = No erratum has been recorded.
errata-when = When and by whom
errata-changes = What changes
errata-reason = Reason
errata-whole-cycle = The cycle as a whole
errata-not-frozen = Errata are recorded only once the cycle is frozen.
erratum-form-heading = Record an erratum
erratum-reference = Commitment
erratum-reference-hint = The commitment the correction is about, or the cycle as a whole.
erratum-status = Corrected joint status
erratum-unchanged = Unchanged
erratum-unchanged-hint = Leave blank if unchanged.
erratum-reason-hint = Why the correction is made, up to 2,000 characters.
erratum-record = Record the erratum
erratum-tag = Erratum
erratum-error-reason = Say why the correction is made, in at most 2,000 characters.
erratum-error-reference = Choose a commitment from the list.
erratum-error-reference-needed = Choose the commitment a corrected status, summary or next steps belong to.
erratum-error-no-change = Give the corrected joint status, summary or next steps.
cycle-done-erratum = The erratum has been recorded.
cycle-error-missing-joint = The cycle cannot be frozen yet: { $count ->
    [one] 1 commitment has
   *[other] { $count } commitments have
} no joint status ({ $refs }). Nothing was changed.
cycle-joint-missing = { $count ->
    [0] Every commitment has a joint status: the cycle can be frozen.
    [one] 1 commitment has no joint status yet.
   *[other] { $count } commitments have no joint status yet.
}
cycle-public = This is the published cycle the public summary shows.
cycle-public-link = See the public summary
cycle-reconciliation = Reconciliation
cycle-reconcile-link = Reconcile the two sides' assessments
cycle-joint-reviews = The joint statuses of this cycle
cycle-errata-record = Record an erratum

## Public summary
home-last-dialogue = Last published Dialogue
home-next-dialogue = Next Dialogue
home-none-published = None published yet
home-none-planned = Not yet planned
home-status-heading = Where the commitments stand
home-counts = Commitments by joint status
home-joint-status = Joint status
home-commitments = Commitments
home-by-area = By area
home-legend = Legend
home-chart-title = Joint status of the commitments
home-commitment = Commitment
home-summary = Summary
home-corrected = Corrected
home-not-yet-published = No Dialogue has published its review yet. The joint status of each commitment will appear here once the first review is published.
