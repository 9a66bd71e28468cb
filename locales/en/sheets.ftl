# The spreadsheet round-trip (issue 14): the sheet's own text, the pages, the messages.

## The sheet
sheet-name-assessments = Assessments
sheet-name-joint = Joint reviews
sheet-name-instructions = Instructions
sheet-identity-note = Do not edit this row: it says which cycle and side the sheet is for.
sheet-col-reference = Reference
sheet-col-area = Area
sheet-col-commitment = Commitment
sheet-col-eu-status = EU status
sheet-col-ca-status = Canada status
sheet-col-status = Status
sheet-col-joint-status = Joint status
sheet-col-narrative = Narrative
sheet-col-evidence = Evidence links (one a line)
sheet-col-summary-en = Public summary (English)
sheet-col-summary-fr = Public summary (French)
sheet-col-next-steps-en = Next steps (English)
sheet-col-next-steps-fr = Next steps (French)
sheet-col-version = Version (do not edit)
sheet-validation-title = Not a status
sheet-validation-message = Choose a status from the list.
sheet-help-title = How to fill in this sheet
sheet-help-1 = This workbook is both the download and the upload template: keep its layout. Do not add, remove, rename or move columns, and do not change the first row or the sheet names.
sheet-help-side-2 = For each commitment, choose your side’s status from the list in the Status column, and write a narrative. A narrative is required for the statuses marked below.
sheet-help-side-3 = Evidence links: one link a line, starting with https:// or http://. A label may follow the link after a space.
sheet-help-side-4 = Leave a row as it is to keep its current assessment. Every row you change becomes a new revision, saved in your name.
sheet-help-joint-2 = For each commitment, choose the joint status and write the public summary and the agreed next steps, in English and in French. The sides’ statuses are shown for information.
sheet-help-joint-3 = Leave a row as it is to keep its current joint review. Every row you change becomes a new revision, saved in your name.
sheet-help-5 = The Version column says which saved version each row was downloaded at: do not edit it. If someone saves a commitment after your download, your change to that row is refused and both values are shown, so that nothing is overwritten.
sheet-help-6 = You may save the sheet as XLSX or as CSV (UTF-8). Formulas are never calculated on upload: only the values your spreadsheet shows are read.
sheet-help-7 = Upload the file on the cycle’s Spreadsheets page. You will see a preview of every change before anything is saved.
sheet-help-scale = The status scale
sheet-help-needs-narrative = narrative required

## Whose sheet
sheet-kind-eu = EU assessments
sheet-kind-ca = Canada assessments
sheet-kind-joint = Joint reviews

## The page
sheets-title = Spreadsheets
sheets-link = Spreadsheets: download and upload
sheets-lead = Download assessments as a spreadsheet, edit them offline with colleagues, and upload the file back. You will see a preview before anything is saved.
sheets-download-heading = Download
sheets-download-none = Your account cannot download spreadsheets.
sheets-upload-heading = Upload
sheets-upload-label = Spreadsheet file
sheets-upload-hint = The XLSX file you downloaded, or the same sheet saved as CSV (UTF-8). At most { $max } KB.
sheets-upload-button = Upload and preview
sheets-upload-none = Your account cannot upload spreadsheets.
sheets-upload-missing = Choose a file to upload.
sheets-upload-unreadable = The upload could not be read. Choose the file again.
sheets-applied = { $count ->
    [one] One change was saved.
   *[other] { $count } changes were saved.
}
sheets-applied-skipped = { $count ->
    [one] One row with errors was left out.
   *[other] { $count } rows with errors were left out.
}

## The preview
preview-title = Preview of { $file }
preview-caption = { $what }, { $year } cycle
preview-summary-changes = { $count ->
    [one] One new revision
   *[other] { $count } new revisions
}
preview-summary-unchanged = { $count ->
    [one] One row unchanged
   *[other] { $count } rows unchanged
}
preview-summary-errors = { $count ->
    [one] One row with errors
   *[other] { $count } rows with errors
}
preview-expires = This preview can be applied until { $time }.
preview-table-caption = Rows that change or have errors
preview-row-line = (row { $line })
preview-outcome-change = New revision
preview-outcome-unchanged = Unchanged
preview-outcome-error = Error
preview-from-to = { $from } → { $to }
preview-nothing = (none)
preview-stale-yours = In your sheet: { $status }
preview-stale-theirs = Saved now (version { $version }): { $status }
preview-apply = Apply the changes
preview-apply-valid = Apply the valid rows only
preview-apply-valid-hint = The rows with errors are left out; fix them in the sheet and upload it again.
preview-errors-block = Nothing can be applied while rows have errors, unless you choose to apply the valid rows only.
preview-no-changes = The sheet changes nothing.
preview-applied = This upload has been applied.
preview-upload-again = Upload another file

## Row problems
sheet-row-unknown-reference = There is no commitment with this reference.
sheet-row-duplicate = This commitment is already on row { $line }.
sheet-row-version = The version cell was changed: download the sheet again.
sheet-row-status = “{ $text }” is not a status of the scale.
sheet-row-stale = Someone saved version { $version } of this commitment after your download: your change is refused.

## Errors
sheet-error-empty = The file is empty.
sheet-error-too-large = The file is too large: at most { $max } KB.
sheet-error-not-spreadsheet = The file is neither an XLSX workbook nor a CSV file downloaded from this page.
sheet-error-bomb = The workbook unpacks to far more than a spreadsheet of this kind: it was refused.
sheet-error-unreadable = The workbook cannot be read: save it again as XLSX.
sheet-error-no-data-sheet = The workbook has no sheet named { $expected } (it has: { $found }). Do not rename the sheets.
sheet-error-encoding = A CSV file must be saved as UTF-8 text.
sheet-error-identity = Row 1 is not the line the download starts with: it says which cycle and side the sheet is for. Download the sheet again.
sheet-error-header = Column { $column }: the heading should be “{ $expected }”, not “{ $found }”. Do not add, remove or move columns.
sheet-error-extra-column = Column { $column } (“{ $found }”) is not a column of this sheet.
sheet-error-stray-value = Row { $row }, column { $column }: a value in a column that has no heading.
sheet-error-too-many-rows = The sheet has more than { $max } rows.
sheet-error-wrong-cycle = This sheet is for the { $found } cycle, not the { $expected } cycle.
sheet-error-forbidden-side = This sheet holds the assessments of a side you do not write for: only that side’s officers may upload it.
sheet-error-forbidden-joint = Only the secretariat may upload the joint reviews.
sheet-error-state-side = Assessments can be saved only while the cycle is open for submissions.
sheet-error-state-joint = Joint reviews can be saved only while the cycle is in reconciliation.
sheet-error-expired = This upload has expired: upload the file again.
sheet-error-applied = This upload has already been applied.
sheet-error-hash = The file does not match the one previewed: upload it again.
sheet-error-has-errors = { $count ->
    [one] One row has errors: nothing was applied. Fix it, or apply the valid rows only.
   *[other] { $count } rows have errors: nothing was applied. Fix them, or apply the valid rows only.
}
sheet-error-conflict = Row { $line } ({ $reference }) was changed by someone else since the preview: nothing was applied. Look at the preview again.
