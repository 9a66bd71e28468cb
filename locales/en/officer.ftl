# Officer features (issue 12, items 1–3): the commitments list, the areas list, the dashboard by
# cycle state, the assessment form's extra links and the conflict message.

## Navigation and the commitments list (/app/commitments)
nav-commitments = Commitments
list-title-page = All commitments
list-title = Title
list-commitment = Area and commitment
list-area = Area
list-joint = Joint status
list-leads = Lead officers
list-lead-eu = EU
list-lead-ca = Canada
list-text-lang = Text language
list-filter-status = Status (either side)
list-filter-only = Show only
list-filter-missing = My side has not assessed it yet
list-filter-divergent = The two sides disagree
list-clear = Clear filters
list-csv = Download this list (CSV)
list-error-area = There is no such area.
list-error-status = There is no such status.
list-error-sort = The list cannot be sorted by that column.
list-error-order = The order is either ascending (asc) or descending (desc).
list-error-flag = A filter is either on (1) or absent.

## Areas (/app/areas)
areas-title = Areas of the partnership
areas-all-commitments = All commitments, in one list
areas-count = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}

## The dashboard by cycle state (/app)
dashboard-planned = Submissions open on { $opens }. You will then be asked to assess your side's commitments — a status, a narrative where needed and evidence links — by { $deadline }.
dashboard-reconciliation-since = Closed for submissions since { $date }: the secretariat is reconciling the two sides' assessments.
dashboard-reconciliation = Closed for submissions (the deadline was { $deadline }): the secretariat is reconciling the two sides' assessments.
dashboard-read-only = Assessments can no longer be changed; this page is for reading.
dashboard-frozen-since = Frozen since { $date }: the assessments and joint statuses are final, and the report is being prepared.
dashboard-frozen = Frozen: the assessments and joint statuses are final, and the report is being prepared.
dashboard-published-since = Published on { $date }.
dashboard-published = Published.
dashboard-report = Read the progress report
dashboard-my-progress = My side's progress
dashboard-my-progress-count = { $saved } of { $total } commitments assessed
dashboard-due-mine = Commitments you lead
dashboard-missing-list = See them in the list of commitments

## The commitment page without a form
noform-title = Why there is no form
noform-no-cycle = No review cycle exists yet. The form to record your side's assessment appears here once the secretariat opens a cycle.
noform-planned = Submissions open on { $opens }. The form to record your side's assessment appears here then; the deadline is { $deadline }.
noform-reconciliation = Submissions are closed (the deadline was { $deadline }). The secretariat is reconciling the two sides' assessments, which can no longer be changed; to correct yours, contact the secretariat.
noform-frozen = This cycle is frozen: the assessments and joint statuses are final. A later correction is recorded by the secretariat as an erratum.
noform-published = This cycle's report has been published. A later correction is recorded by the secretariat as an erratum.
noform-reader = Your account can read every assessment; only the officers of each side record their side's assessment.

## The assessment form: more links, and who saved meanwhile
evidence-add = Add another link
evidence-max-reached = You have added the most links an assessment can have ({ $max }). Remove one to add another.
conflict-by-you = You saved this on { $at }, in another window.
conflict-by-other = { $who } saved this on { $at }.
