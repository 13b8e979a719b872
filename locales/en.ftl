## Common

common-unknown-user = Hello! Duban does not know you yet. Ask your admin for your unit's invite link and open it to join.
common-not-allowed = You are not allowed to use this command.
common-error = Sorry, something went wrong. Please try again later.
common-conversation-failed = Sorry, something went wrong, so this was stopped and nothing was saved. Please send the command again.
conversation-upgraded = Duban has just been updated, and the { $commands } you were in the middle of has ended; what you had entered was not saved. Please send { $commands } again.
common-working = Working on it…
common-reply-delayed = Telegram asks Duban to wait; the reply comes in about { $seconds } seconds.
common-unknown-command = There is no such command. Send /help to see the commands you can use.
common-private-only = Please use this command in your private chat with Duban.
common-button-expired = This button has expired; send the command again.

## Commands (the menu beside the message box)

command-start = Start
command-help = Commands you can use
command-language = Change language
command-tasks = Your unit's tasks and deadlines
command-plans = Imported plans

## Start

start-admin = Hello, { $name }! You are a Duban <b>admin</b>.
start-liaison = Hello, { $name }! You are the <b>liaison</b> of <b>{ $units }</b>. Duban reminds you before each deadline, and you report progress here.
start-lead = Hello, { $name }! You <b>lead</b> <b>{ $scope }</b> and will receive a weekly progress summary.
start-next = Send /help to see the commands you can use.
start-group = Duban is in this group. The leading group's weekly summaries and circulars will be posted here.

## Help

help-title = Commands you can use:

## Language

language-choose = 请选择语言 / Choose your language:
language-set = Language set to English.

## Tasks

tasks-not-liaison = Only a unit's liaison can see its tasks.
tasks-choose-unit = You are the liaison of several units. Choose one:
tasks-none = <b>{ $unit }</b> has no tasks at the moment.
tasks-header = Tasks of <b>{ $unit }</b> ({ $count } in all, page { $page } of { $pages }), nearest deadline first:
tasks-cooperating = {" "}(cooperating)
tasks-due = Due: { $day }
tasks-status-open = not reported, { $days ->
        [one] 1 day
       *[other] { $days } days
    } left
tasks-status-due-today = due today, not reported
tasks-status-not-asked = due before your unit was given it: nothing to report
tasks-status-overdue = overdue, not reported
tasks-status-reported = reported: { $status }
tasks-status-late = reported late: { $status } (counts as not done)
tasks-no-fixed-date = done as matters arise ({ $deadline })
tasks-no-deadline = the plan gives no deadline; an admin will set one, and progress can be reported at any time
tasks-plan = Plan: { $plan }
tasks-unreadable = the deadline could not be read ({ $deadline }); an admin will fix it
tasks-none-left = no further deadline ({ $deadline })
tasks-quota = Target: { $target } { $unit }{ $period }
tasks-prev = ◀ Previous
tasks-next = Next ▶

## Report statuses

status-done = done
status-in_progress = in progress
status-blocked = blocked
status-nothing = nothing to report this period

## Quota periods

period-year = {" "}a year
period-month = {" "}a month
period-once = {""}

## Plans

plans-none = No plan has been imported yet.
plans-title = Imported plans:
plans-item = #{ $n } <b>{ $title }</b> ({ $year }) — { $state }: { $tasks } tasks, { $requirements } requirements, { $units } units, { $liaisons } liaisons
plans-untitled = (untitled)
plans-no-year = year not given

## Reminders

reminder-before = ⏰ <b>Reminder</b>: these tasks are due { $day }, { $days ->
        [one] 1 working day
       *[other] { $days } working days
    } from now:
reminder-due = ⏰ <b>{ $days ->
        [0] Due today
        [1] Due tomorrow
       *[other] Due in { $days } days
    }</b> ({ $day }): these tasks are not reported yet:
reminder-overdue = ❗ <b>Overdue</b>: these tasks were due { $day } and are not reported. A late report counts as not done; please report as soon as you can:
reminder-snoozed = ⏰ <b>Reminder, as you asked</b>: these tasks are due { $day }:
reminder-item = { $number }. <b>{ $task }</b> { $title }
reminder-quota = target { $target } { $unit }{ $period }, reported { $done } { $unit }
reminder-unit = Unit: { $unit }
reminder-ratio = target { $target }%, last reported { $latest }%
reminder-ratio-none = target { $target }%, no ratio reported yet
reminder-button-done = ✅ Done { $item }
reminder-button-snooze = ⏰ Remind me next working day
reminder-done-recorded = ✅ Recorded: { $item } done ({ $when }).
reminder-done-late = ✅ Recorded: { $item } done, but reported late; it counts as not done.
reminder-already-reported = This period is already reported.
reminder-snooze-set = All right, I will remind you again on { $day } in the morning.
reminder-snooze-too-late = Today is the due day; it cannot be put off. Please report today.
reminder-overdue-lead = ❗ <b>{ $unit }</b> has { $count ->
        [one] 1 task
       *[other] { $count } tasks
    } not reported after their due day, { $day }:
reminder-no-liaison = ⚠️ <b>{ $unit }</b> has no liaison yet: { $count ->
        [one] 1 task
       *[other] { $count } tasks
    } due { $day } go unreminded. An admin can invite one with /invite.
reminder-overdue-lead-units = ❗ Tasks due { $day } still not reported by { $count ->
        [one] 1 unit
       *[other] { $count } units
    }:
reminder-no-liaison-units = ⚠️ { $count ->
        [one] 1 unit has
       *[other] { $count } units have
    } no liaison yet: their tasks due { $day } go unreminded. An admin can invite liaisons with /invite:
reminder-lead-unit = <b>{ $unit }</b> ({ $count ->
        [one] 1 task
       *[other] { $count } tasks
    })
reminder-lead-units-more = …and { $count } more units
reminder-unreachable = ⚠️ <b>{ $person }</b> (liaison of { $units }) has blocked Duban; reminders cannot reach them. Please contact them or name another liaison.
reminder-more = …and { $count } more
reminder-calendar-missing = ⚠️ The holiday calendar has no data for { $year }. Until it is loaded, Duban plans reminders on plain weekends (Monday to Friday working), without public holidays or swapped working days. When the State Council publishes the { $year } holidays, load them with /calendar.
too-long-refused = ⚠️ { $kind ->
        [circular] A monthly circular
        [circular-draft] A draft of a monthly circular
        [weekly-summary] A weekly summary
        [reminder] A reminder
       *[other] A notice
    } was too long for Telegram, which refused it: it could not be sent to { $who }. Please tell whoever maintains Duban.
too-long-partly = { $sent } of its { $parts } parts had been sent.
too-long-group = the leading group's chat of "{ $plan }"

## Report (the /report conversation)

command-report = Report progress
command-cancel = Cancel what you are doing
report-not-liaison = Only a unit's liaison can report progress.
report-nothing = Your unit has nothing to report at the moment.
report-pick = Choose what to report on (most urgent first, page { $page } of { $pages }):
report-new-event = new matter
report-ask-status = <b>{ $item } { $title }</b> ({ $unit })
    Period: { $period }, due { $due }
    How is it going?
report-ask-status-event = <b>{ $item } { $title }</b> ({ $unit })
    Recording a new matter that happened today; it must be done within { $deadline }. How is it going?
report-ask-status-undated = <b>{ $item } { $title }</b> ({ $unit })
    It has no usable deadline (the plan gives none, or it could not be read; an admin can set it with /deadline); this report is never late. How is it going?
report-ask-note = Please describe the progress in a sentence or two (at most { $max } characters), or press "Skip".
report-note-too-long = That note is too long ({ $length } characters); please keep it within { $max }.
report-ask-count = How many { $unit } this period? Target { $target } { $unit }{ $period }, reported so far { $done } { $unit }. Send a number, such as 3.
report-count-not-a-number = "{ $text }" is not a number; send a number such as 3.
report-count-negative = A count cannot be negative; please send it again.
report-count-fraction = A count is a whole number; please send it again.
report-count-too-large = That number is too large; please check it and send it again.
report-ask-ratio = What ratio has been reached now? Target { $target }%, last reported { $done }%. Send a percentage, such as 95%.
report-ask-ratio-first = What ratio has been reached now? Target { $target }%. Send a percentage, such as 95%.
report-ratio-over = A ratio cannot be over { $max }%; please send it again.
report-ratio-fraction = Please send a whole percentage, such as 95%.
report-ratio-not-a-number = "{ $text }" is not a percentage; send a number such as 95%.
report-ask-evidence = Send evidence (photos, files, a link or a written note; at most { $max }), then press "Done"; if there is none, press "Skip".
report-ask-named-evidence = The evidence this item asks for: { $evidence }
    Send it (photos, files, a link or a written note; at most { $max }), then press "Done"; if there is none, press "Skip".
report-evidence-added = Received evidence file { $n }. Send more, or press "Done".
report-evidence-too-big = That file is too large ({ $size } MB); each file may be at most { $max } MB.
report-evidence-type = That kind of file is not accepted ({ $name }). Send photos, PDF, Word, Excel, PowerPoint, text or an archive.
report-evidence-full = You have { $max } evidence files already; press "Done".
report-evidence-not-archived = The report is saved, but { $files } could not be put in the evidence archive yet; the bot will keep trying. To be safe, you can also send { $count ->
    [one] it
   *[other] them
} again with /edit.
report-evidence-photo = a photo
report-summary = Please confirm the report:
    Task: { $item } { $title } ({ $unit })
    Period: { $period } (due { $due })
    Status: { $status }
    Note: { $note }
    Count: { $count }
    Evidence: { $evidence } file(s)
report-summary-evidence-missing = ⚠️ This item asks for evidence ({ $evidence }) and none is attached. You can submit now and add it later with /edit; items without evidence are listed as lacking it in the summary and the assessment.
report-summary-evidence-missing-points = ⚠️ This item is an assessment indicator ({ $points } points), judged on its evidence, and none is attached. You can submit now and add it later with /edit; without evidence its points count as at risk.
report-none = none
report-saved = ✅ Reported: { $item } { $title } ({ $unit }), { $period }.
report-saved-late = ⚠️ Reported: { $item } { $title } ({ $unit }), { $period }. It is past the due moment: a late report counts as not done.
report-saved-event = ✅ New matter recorded: { $item } { $title } ({ $unit }); finish and report it by { $due }.
report-cancelled = Report cancelled; nothing was saved.
report-timed-out = Your last report was left unfinished for over 30 minutes and has been cancelled.
report-use-buttons = Please press one of the buttons above, or send /cancel.
report-use-text = Please send text, or /cancel.
report-button-skip = Skip
report-button-done = Done
report-button-confirm = ✅ Submit
report-button-cancel = Cancel
reminder-button-report = 📝 Report { $item }
cancel-nothing = There is nothing to cancel.
period-label-month = { $month }/{ $year }
period-label-quarter = Q{ $quarter } { $year }
period-label-week = week { $week } of { $year }
period-label-once = one-off task
period-label-event = matter of { $date }

## Invites

command-invite = Invite a liaison or a lead
command-invites = Unused invites
command-revoke = Revoke an invite
invite-usage = Usage: /invite UNIT (a liaison of that unit), /invite lead UNIT (a lead of that unit), or /invite lead (a lead of the whole plan).
invite-no-unit = There is no unit named "{ $name }".
invite-did-you-mean = Did you mean: { $names }?
invite-no-plan = No plan has been imported yet, so there is no plan to lead.
invite-created = Invite link ({ $role }, { $scope }), valid for { $days } days, for one person:
    { $link }
    Forward it; opening it joins them.
invite-role-liaison = liaison
invite-role-lead = lead
invite-list-title = Unused invites:
invite-list-title-paged = Unused invites ({ $count } in all, page { $page } of { $pages }):
invite-list-item = { $role }, { $scope }, valid until { $expires } ({ $code })
invite-list-none = There are no unused invites.
invite-button-revoke = Revoke { $code }
invite-revoked = Invite { $code } revoked.
invite-revoke-usage = Usage: /revoke CODE (see /invites).
invite-revoke-unknown = There is no invite "{ $code }" to revoke.
invite-invalid = This invite link is not valid. Ask your admin for a new one.
invite-used = This invite link has already been used. Ask your admin for a new one to join.
invite-expired = This invite link has expired. Ask your admin for a new one.
invite-was-revoked = This invite link was revoked. Ask your admin for a new one.
invite-already = You are already the { $role } of { $scope }.
invite-welcome-deadlines = Your next deadlines:
invite-welcome-deadline = • { $item } { $title } — { $due }
invite-welcome-more = Send /tasks to see all your tasks, /report to report progress.

## Import (admins load a plan)

command-import = Import a task table
import-ask = Send the plan or its task decomposition table as a file (Word .docx, PDF, Excel .xlsx, .csv, .tsv or .txt; .doc, .wps, .xls and .et where the server can convert them; at most 10 MB), or paste the plan's text (in several messages if need be, then press "Text complete").
import-button-text-done = Text complete
import-text-received = Received { $chars } characters. Paste more, or press "Text complete".
import-reading = Reading { $name }…
import-refused = ❌ Cannot import: { $reason }
import-too-big = The file is too large ({ $size } MB); a plan may have at most 10 MB.
import-ask-year = The plan names no year (not in its title, the notice's date or its text). Which year is it for? Press one, or type the year (such as 2021). Dates without a year (3月底前, xx年6月30日前) are read in that year.
import-year-use = Press a year, or type one between 2000 and 2100, such as 2021.
import-year-button = { $year }
import-preview = <b>{ $title }</b> ({ $year })
    Read from: { $source }
    { $sections } sections, { $tasks } tasks, { $requirements } requirements, { $units } units, { $quotas } counted targets.
import-preview-units = Units: { $units }
import-preview-deadlines = Deadlines: { $recognized } read, { $unrecognized } not read{ $missing ->
    [0] {""}
   *[other] , { $missing } not given
}.
import-preview-changes-new = This is a new plan; confirming imports all of it.
import-preview-changes = Compared with the plan already imported: { $added } tasks added, { $updated } updated, { $archived } archived, { $unchanged } unchanged.
import-preview-problems = Problems to fix ({ $count }):
import-preview-more = …and { $count } more
import-no-problems = No problems found.
import-button-confirm = ✅ Import
import-confirmed = ✅ Imported: { $title }. { $added } tasks added, { $updated } updated, { $archived } archived; new units: { $newUnits }.
import-past-year = ⚠️ This plan is for { $year }; this year is { $thisYear }. Choose:
    • As a record only: run it for { $year }; its periods are all past, so nothing is reminded and nothing counts as overdue;
    • Roll it forward: run it for { $thisYear }, every deadline moved to { $thisYear }, with reminders as usual.
import-past-year-own = For { $year } (record only)
import-past-year-roll = Roll forward to { $thisYear }
import-replace = This is next year's version of "{ $old }" ({ $oldYear }). Should it replace the old plan?
    Replace: it takes over the old plan's reminder rules, leading group and leads; the old plan is archived once its last overdue notices and circular are out.
    Side by side: both plans run, each with its own settings.
import-replace-yes = Replace the old plan
import-replace-no = Run both side by side
import-done-own-year = Runs for { $year } as a record only: no reminders, nothing overdue.
import-done-rolled = Rolled forward to { $year }: every deadline moved to { $year }.
import-done-replaced-archived = Replaces "{ $old }": took over { $policy ->
        [yes] its reminder rules,{" "}
       *[other] {""}
    }{ $group ->
        [yes] its leading group,{" "}
       *[other] {""}
    }{ $leads } lead(s); the old plan is archived.
import-done-replaced-later = Replaces "{ $old }": took over { $policy ->
        [yes] its reminder rules,{" "}
       *[other] {""}
    }{ $group ->
        [yes] its leading group,{" "}
       *[other] {""}
    }{ $leads } lead(s); the old plan is archived once its last overdue notices and circular are out.
import-done-still-archived = Note: this plan is archived; only its content was updated. To restore it, send /plans restore { $plan }.
import-replaced-meanwhile = Not imported: "{ $old }" was archived or replaced by another plan before you confirmed; nothing was changed. Please send /import again.
import-cancelled = Import cancelled; nothing was changed.
import-no-title = (no title found)
import-no-year = year not given
import-none = none
import-preview-points = Points: { $tasks } tasks carry points, { $total } in all.
import-preview-evidence = Evidence: { $count } requirements name what must be submitted as proof.
import-preview-ignored = Not imported as a task or requirement ({ $count } lines):
import-ignored-line = • { $where } ({ $reason }): { $text }
import-preview-ignored-more = …and { $count } more lines; see the preview sheet
import-problem-kind = • { $message } ({ $count } places: { $places }{ $more ->
        [0] {""}
       *[other] …
    })
import-problem-kind-first = • { $problem } ({ $count } problems of this kind)
import-problem-kind-also = {"  "}◦ { $problem }
import-problem-kind-more = {"  "}…and { $count } more of this kind
import-problem-place-separator = {"; "}
import-preview-sheet-hint = Press "📄 Preview sheet" to download this preview as an Excel sheet: correct it there and send the file back to import what the sheet says.
import-button-sheet = 📄 Preview sheet
import-sheet-caption = The preview sheet: correct it and send the file back to import what it says. The first sheet holds the tasks and requirements; the "Notes" sheet lists what was not imported and the problems, and is not read on import.
import-sheet-notes = Notes
import-sheet-ignored = Not imported as a task or requirement
import-sheet-problems = Problems to fix
import-sheet-where = Where
import-sheet-reason = Reason
import-sheet-text = Text
import-sheet-problem = Problem
ignored-notice = the notice publishing the plan
ignored-preamble = the plan's preamble
ignored-goals = goals
ignored-organization = organization and leadership
ignored-work-requirements = work requirements and safeguards
ignored-signature = signature
ignored-attachment-heading = attachment heading
ignored-page-furniture = web page debris
ignored-page-number = page number
ignored-closing = text after the plan's body
ignored-other-column = a column the importer does not read
ignored-unused-cell = a cell no requirement took
ignored-heading = heading
ignored-scoring-rule = scoring rule

## Quota and edit (liaisons)

command-quota = Progress toward counted targets
command-edit = Change your last report
quota-none = Your unit has no counted targets.
quota-title = Counted targets of <b>{ $unit }</b>:
quota-item = { $item } { $title }: target { $target } { $label }{ $period }, done { $actual } { $label }{ $pace }
quota-pace-year = , about { $expected } { $label } expected by now
quota-behind = ⚠️ behind pace
quota-ratio = { $item } { $title }: target { $target }%, last reported { $latest }%
quota-ratio-none = { $item } { $title }: target { $target }%, no ratio reported yet
quota-ratio-below = ⚠️ below target
quota-on-track = ✓
quota-missed = ❗ target missed at its deadline
quota-open = ⏳ target not reached yet, due { $day }
quota-open-undated = ⏳ target not reached yet
edit-none = You have no report to change.
edit-period-over = That period has ended; its report can no longer be changed.
edit-closed = This period's circular is published; its reports can no longer be changed.
edit-current = You are changing a report already made:
    Status: { $status }
    Note: { $note }
    Count: { $count }
    Evidence: { $evidence } file(s) (kept; you can add more)
edit-button-keep = Keep the note
edit-evidence-kept = { $total } (including { $kept } already sent)

## Admin commands

command-units = Units and liaisons
command-leads = Leads
command-deadline = Fix a deadline
command-policy = Reminder rules
command-calendar = Holiday calendar
units-title = Units and liaisons ({ $count } units):
units-item = • { $unit }: { $liaisons }
units-no-liaison = ⚠️ no liaison yet
units-unreachable = (has blocked Duban)
units-unreachable-deactivated = (Telegram account deleted)
units-unreachable-not-found = (Telegram finds no chat with them; ask them to send /start)
leads-title = Leads:
leads-item = • { $name }: { $scope }
leads-none = There are no leads yet. Invite one with /invite lead.
deadline-usage = Usage: /deadline TASK-ITEM DEADLINE, e.g. /deadline 18-2 12月底前.
deadline-assessment-not-date = The assessment date must be one date, for example /deadline assessment 11月30日前; "{ $text }" is not.
deadline-assessment-none = No requirement of "{ $plan }" lacks a deadline.
deadline-assessment-set = The { $count } requirements of "{ $plan }" that named no deadline now fall due on the assessment date "{ $text }" ({ $rule }), with the usual reminders before it. Re-imports keep it.
deadline-unread-title = These requirements of "{ $plan }" have deadlines that could not be read:
deadline-unread-item = • { $item } ({ $task }-{ $index }) "{ $text }"
deadline-unread-none = Every deadline of "{ $plan }" was read.
deadline-no-requirement = "{ $plan }" has no requirement { $ref }.
deadline-not-read = "{ $text }" still cannot be read; write it another way, e.g. 每月10日前, 12月底前, 七个工作日内.
deadline-set = The deadline of { $item } of "{ $plan }" is now "{ $text }" ({ $rule }). Later re-imports keep this change.
policy-show = Reminder rules ({ $plan }):
    remind { $before } working days before; on the due day: { $onDue }; the day after: { $overdue };
    working hours { $start }–{ $end }; ongoing tasks report by day { $day } of each month.
    weekly summary: { $summaryDay } { $summaryTime } (on a holiday, the next working day of that week).
    Change: /policy before 3,1 | /policy due on|off | /policy overdue on|off | /policy hours 09:00-18:00 | /policy day 10 | /policy summary 1 09:00
policy-yes = yes
policy-no = no
policy-updated = Reminder rules updated.
policy-invalid = Cannot understand "{ $text }". { $reason }
calendar-status = Holiday data for { $year }: { $source }.
calendar-source-package = from the chinese-days package
calendar-source-override = the State Council notice loaded by an admin
calendar-source-none = ⚠️ none; plain weekends are assumed (no public holidays or swapped days)
calendar-usage = Usage: /calendar YEAR to check; /calendar YEAR followed by the State Council's holiday notice on the next lines to load that year.
calendar-loaded = Loaded the {$year} holidays: { $holidays } days off, { $workdays } swapped working days.
calendar-errors = Cannot load the { $year } schedule:
calendar-error-item = • line { $line }: { $message }

## Summaries (leads)

command-summary = Progress summary
command-overdue = Overdue reports
command-unit = One unit in detail
command-score = Assessment points and evidence
summary-title = 📊 <b>Progress summary</b> ({ $date })
summary-scope = Scope: { $scope }
summary-units-header = Latest period per unit (on time / late / missing):
summary-points = Assessment points: { $total } in all; about { $risk } lack evidence (/score for each indicator).
summary-unit = { $unit }: on time { $onTime }, late { $late }, missing { $missing }
summary-rest-on-time = The other { $count } units are all on time.
summary-rest-nothing-due = The other { $count } units have had nothing fall due lately.
summary-overdue-header = ❗ Overdue, not reported ({ $count }):
summary-overdue = • { $unit } { $item } { $title }, due { $due }, { $days ->
        [one] 1 day
       *[other] { $days } days
    } overdue
summary-quota-header = ⚠️ Counted targets behind pace ({ $count }):
summary-quota = • { $unit } { $item } { $title }: target { $target } { $label }, about { $expected } expected by now, { $actual } done
summary-ratio-header = ⚠️ Ratio targets not reached ({ $count }):
summary-ratio = • { $unit } { $item } { $title }: target { $target }%, last reported { $latest }%
summary-due-header = 📅 Due in the next 7 days ({ $count }):
summary-due = • { $unit } { $item } { $title }, { $due }
summary-more = …and { $count } more
summary-none-overdue = Nothing is overdue.
summary-evidence-missing-header = 📎 Reported, evidence still missing ({ $count }):
summary-evidence-missing = • { $unit } { $item } { $title }: missing { $evidence }
summary-evidence-missing-unnamed = • { $unit } { $item } { $title }: no evidence
summary-not-lead = Only leads and admins can see summaries.
summary-unit-usage = Usage: /unit UNIT
summary-no-unit = There is no unit "{ $name }" in your scope.
summary-scope-all = all units

## Circular (通报)

command-yearly = The year's reporting record
circular-title = 📢 <b>{ $plan }: circular for { $month }</b>
circular-draft-note = [DRAFT, not published] Check it, then publish or hold.
circular-on-time = ✅ Reported on time ({ $count }): { $units }
circular-partly-on-time = ☑️ Partly reported on time ({ $count }), the items reported on time:
circular-late = ⚠️ Reported late, counted as not done ({ $count }):
circular-missing = ❌ Not reported ({ $count }):
circular-unit-items = • { $unit }: { $items }
circular-quotas = Counted targets behind pace ({ $count }):
circular-quota = • { $unit } { $item }: target { $target } { $label }, about { $expected } expected, { $actual } done
circular-ratios = Ratio targets not reached ({ $count }):
circular-ratio = • { $unit } { $item }: target { $target }%, last reported { $latest }%
circular-ratio-none = • { $unit } { $item }: target { $target }%, no ratio reported this year
circular-none = none
circular-button-publish = 📢 Publish
circular-button-hold = ⏸ Hold
circular-published = ✅ Published and sent to the leads; this period's reports can no longer be changed.
circular-held = ⏸ Held. Press "Publish" when it should go out.
circular-already = This circular is already published.
circular-more = …and { $count } more: see "📎 Full list"
circular-more-units = …and { $count } more units: see "📎 Full list"
circular-units-more = { $units } and { $count } more units: see "📎 Full list"
circular-items-more = { $items } ({ $count } items in all)
circular-button-full = 📎 Full list (Excel)
circular-full-caption = { $plan }: circular for { $month }, full list
circular-full-draft-only-admins = The draft is not published yet: only admins can see its full list.
circular-full-not-yours = Only the plan's admins and leads can see the full list.
circular-file-name = circular-full-list-{ $month }-{ $plan }
circular-sheet-title = { $plan }: circular for { $month }
circular-sheet-count = { $count } entries
circular-sheet-draft = [DRAFT, not published]
circular-sheet-on-time = On time
circular-sheet-partly = Partly on time
circular-sheet-late = Late
circular-sheet-missing = Not reported
circular-sheet-quotas = Counted targets behind
circular-sheet-ratios = Ratio targets not reached
circular-col-unit = Unit
circular-col-count = Items
circular-col-items-on-time = Items reported on time
circular-col-items-late = Items reported late
circular-col-items-missing = Items not reported
circular-col-item = Item
circular-col-target = Target
circular-col-expected = Expected (about)
circular-col-actual = Done
circular-col-target-percent = Target (%)
circular-col-latest-percent = Last reported (%)
circular-col-latest-none = none this year
list-sheet-footer = &L&A&CPage &P of &N
yearly-title = 📅 <b>Reporting record for { $year }</b> (as of { $date })
yearly-unit = { $unit }: on time { $onTime }, late { $late }, missing { $missing } periods
yearly-plan-totals = { $units } units: on time { $onTime }, late { $late }, missing { $missing } periods
yearly-worst = The { $count } units with the most late and missing periods:
yearly-more = …and { $count } more units: see "📎 Full record"
yearly-button-full = 📎 Full record (Excel)
yearly-full-caption = Reporting record for { $year } (as of { $date }), every unit
yearly-file-name = reporting-record-{ $date }
yearly-sheet-name = Reporting record
yearly-sheet-title = Reporting record for { $year }
yearly-sheet-subtitle = As of { $date }, { $count } units
yearly-col-plan = Plan
yearly-col-unit = Unit
yearly-col-on-time = On time (periods)
yearly-col-late = Late (periods)
yearly-col-missing = Missing (periods)
command-export = Export the ledger (Excel)
export-caption = Ledger ({ $scope }) as of { $date }.
export-nothing = There is no plan to export yet.
group-bound = This group is now the leading group of "{ $plan }": weekly summaries and monthly circulars will be posted here.
group-not-admin = Only an admin can make this the leading group.
group-no-plan = No plan has been imported yet.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
reminder-unreachable-deactivated = ⚠️ <b>{ $person }</b> (liaison of { $units }) has deleted their Telegram account; reminders cannot reach them. Please name another liaison.
reminder-unreachable-not-found = ⚠️ Reminders cannot reach <b>{ $person }</b> (liaison of { $units }): Telegram finds no chat with them (they may never have opened Duban, or deleted their account). Please ask them to send /start to Duban, or name another liaison.
group-lost = ⚠️ Duban is no longer in the leading group of "{ $plan }" (it was removed, or the group was deleted): weekly summaries and monthly circulars are no longer posted there; the leads still get them in private. To set a group again, add Duban to it and have an admin send /group there.
group-anonymous = You sent this as an anonymous group admin, so Duban cannot tell whether you are one of its admins; nothing was changed. Turn off "Remain anonymous" in your admin rights for this group and send /group again.
command-remove = Remove a liaison or lead
remove-usage = Usage: /remove NAME or TELEGRAM ID [UNIT], e.g. /remove 李娜 政策法规处; send /remove alone to choose from the list.
remove-list-title = Choose whom to remove ({ $count } in all) by their number:
remove-list-title-paged = Choose whom to remove ({ $count } in all, page { $page } of { $pages }) by their number:
remove-list-item = { $n }. { $name } — { $scope } ({ $role })
remove-list-none = There is no liaison or lead to remove.
remove-several = "{ $who }" serves in several roles; choose the one to remove by its number:
remove-not-found = "{ $who }" holds no liaison or lead role. Check the name or Telegram ID, or send /remove alone to choose from the list.
remove-confirm = Remove { $name } as { $role } of { $scope }?
    They lose that access at once and get no more reminders for it.
remove-button-yes = ✅ Remove
remove-button-no = Cancel
remove-done = { $name } is no longer { $role } of { $scope }; they have been told.
remove-cancelled = Cancelled; nothing was changed.
remove-already = That role has already been removed; nothing to do.
remove-notice-liaison = An admin has removed you as { $role } of { $scope }. You no longer report for that unit and will get no more reminders for it. Please contact your admin with any questions.
remove-notice-lead = An admin has removed you as { $role } of { $scope }; you will no longer receive its summaries and circulars. Please contact your admin with any questions.
remove-done-untold = { $name } is no longer { $role } of { $scope }. Duban could not tell them (they may have blocked it); please let them know.
units-merge-usage = Usage: /units merge FROM KEEP, e.g. /units merge 局办公室 办公室 (merges "局办公室" into "办公室").
units-merge-preview = Merge "{ $from }" into "{ $into }"?
    Moving: { $assignments } task assignment(s), { $reports } report(s), { $events } event(s), { $people } liaison(s) and lead(s), { $invites } invite(s).
    "{ $from }" stays as another name of "{ $into }", so later imports recognise it. A merge cannot be undone.
units-merge-button-yes = ✅ Merge
units-merge-button-no = Cancel
units-merge-done = "{ $from }" has been merged into "{ $into }".
units-merge-cancelled = Merge cancelled; nothing was changed.
units-merge-no-unit = There is no unit named "{ $name }". Send /units to see them all.
units-merge-same = "{ $from }" and "{ $into }" are already one unit; nothing to merge.
units-merge-clash = Both units reported on the same task and period ({ $list }), so they cannot be merged. Correct one of those reports first, then merge.
units-merge-gone = One of these units no longer exists (it may have been merged already); please send the command again.

# --- lead views by plan ---
summary-plan-heading = 📁 <b>{ $title }</b> ({ $year })
summary-plan-heading-no-year = 📁 <b>{ $title }</b>
scope-export-plans = A pair of sheets per plan ({ $count } plans): { $plans }

# --- plan choice (admin commands) ---
plan-choice-label = { $title } ({ $year })
plan-choice-ask = { $count } plans are live. Which plan is this for?
plan-choice-ask-paged = { $count } plans are live (page { $page }/{ $pages }). Which plan is this for?
plan-choice-cancel = Cancel
plan-choice-cancelled = Cancelled; nothing was changed.
plan-choice-chosen = Plan: { $plan }
    { $command }
plan-choice-footer = Plan: { $plan }
plan-choice-not-yours = Only the admin who sent this command can choose here. Send the command yourself to act.
plan-choice-archived = "{ $plan }" is archived and no longer live. Please choose another plan.
plan-choice-archived-arg = #{ $n } "{ $plan }" is archived. Restore it first with /plans restore { $n }.
plan-choice-unknown = There is no plan #{ $n }. Send /plans to see every plan and its number.
plans-state-live = live
plans-state-archived = archived
plans-archived-mark = (archived)
plans-usage = Archive: /plans archive N; restore: /plans restore N.
    With several plans, /units, /deadline, /policy, /group, /invite lead and /pack ask which plan; or name it with #N after the command, e.g. /units #2, /policy #2 before 5,1, /invite lead #2.
plans-archive-confirm = Archive #{ $n } "{ $plan }"?
    An archived plan gets no reminders and is left out of summaries, circulars and every list; its reports are kept, and /plans restore { $n } brings it back at any time.
plans-restore-confirm = Restore #{ $n } "{ $plan }"?
    Its reminders go out again, and those of the archived time that are still useful are sent.
plans-button-archive = ✅ Archive
plans-button-restore = ✅ Restore
plans-button-cancel = Cancel
plans-cancelled = Cancelled; nothing was changed.
plans-archived = #{ $n } "{ $plan }" is archived. Its reminders stop; /plans restore { $n } brings it back.
plans-restored = #{ $n } "{ $plan }" is restored; its reminders go out again.
plans-already-archived = #{ $n } "{ $plan }" is already archived.
plans-already-live = #{ $n } "{ $plan }" is not archived; nothing to restore.
plans-policy-before = after before, the working days to remind before a deadline (1 to 20, at most 5, comma-separated), e.g. before 3,1.
plans-policy-on-off = after { $what }, on or off.
plans-policy-hours = after hours, the working hours as HH:MM-HH:MM, e.g. hours 09:00-18:00.
plans-policy-hours-order = the working hours must start ({ $start }) before they end ({ $end }).
plans-policy-summary = after summary, a weekday (1 is Monday … 7 is Sunday) and a time HH:MM, e.g. summary 1 09:00.
plans-policy-day = after day, a day of the month from 1 to 28, e.g. day 10.
plans-policy-what = what can be changed: before, due, overdue, hours, day, summary.
plans-calendar-empty-input = no holiday period was found (e.g. 春节：2月15日至23日放假，2月14日、2月28日上班)
plans-calendar-no-name = "{ $text }" has no holiday name before it
plans-calendar-no-dates = "{ $text }" gives no date (write 1月1日)
plans-calendar-no-kind = "{ $text }" is not followed by 放假 (days off) or 上班 (working days)
plans-calendar-no-month = "{ $text }" has no month (write 2月15日)
plans-calendar-unreadable = cannot read "{ $text }"
plans-calendar-impossible-date = there is no such day as "{ $text }"
plans-calendar-outside-year = "{ $text }" is not in { $year }: load it with that year's /calendar
plans-calendar-backwards-range = "{ $text }" ends before it starts
plans-calendar-weekday-mismatch = "{ $text }": the weekday does not match the date
plans-calendar-workday-not-weekend = "{ $text }" is not a Saturday or Sunday: only a weekend day can be a swapped working day
plans-calendar-day-count-mismatch = "{ $text }" does not match the days off given before it
plans-calendar-conflict = "{ $text }" is given twice (again, or both off and working)

# --- import problems ---
# What the plan readers report (plans/problems.ts): `problem-CODE` words a problem's code, the
# `problem-where-*` keys where it is; the command line prints the same English.
problem-worded = { $where }: { $message }
problem-where-sheet = { $file }, sheet { $sheet }
problem-where-details = { $place } { $details }
problem-where-separator = {", "}
problem-where-row = row { $row }
problem-where-page = page { $page }
problem-where-table = table { $table }
problem-where-table-row = table row { $row }
problem-where-line = line { $line }
problem-where-column = column { $column }
problem-where-item = item { $item }
problem-where-requirement = requirement { $requirement }
problem-no-deadline-column = no deadline column (完成时限) found
problem-no-unit-column = no responsible unit column (责任处室/责任单位) found
problem-row-shifted = the row repeats task number { $number } in the { $column } column, so its cells were read one column to the left; check this task
problem-task-number-repeated = task number { $number } appears a second time
problem-not-a-task-number = "{ $text }" is not a task number; the row is read as part of the task above
problem-row-outside-task = row belongs to no numbered task and was not read
problem-deadline-count-mismatch = the deadline cell holds { $deadlines } deadlines for { $requirements } requirements; each requirement was given the whole cell
problem-points-unread = the points cell holds "{ $text }", which is no number of points; the task was given none
problem-reporting-cycle = items that name no deadline follow the notice's reporting cycle "{ $cycle }"
problem-no-year = the plan's year was not found (not in its title, the notice's date or its text); dates without a year (3月底前, xx年) cannot be placed: give the year (--year on the command line; in chat the bot asks)
problem-plan-doubtful = of { $requirements } requirements, only { $withUnit } name a unit and { $withDeadline } have a deadline that could be read: check the preview carefully before importing; it may not be a task plan
problem-item-number-repeated = item number ({ $number }) appears a second time
problem-unit-name-too-short = "{ $name }" in the unit column is too short to be a unit name; it was left out
problem-unit-name-too-long = "{ $name }" in the unit column is longer than the { $max } characters of a unit name; it was left out
problem-unit-name-is-requirement = "{ $name }" in the unit column is requirement text, not a unit name; it was left out
problem-unit-name-is-deadline = "{ $name }" in the unit column is a deadline, not a unit name; it was left out
problem-unit-name-is-reference = "{ $name }" among the units is a cross-reference, not a unit name; it was left out
problem-unit-name-is-person = "{ $name }" among the units is a person, not a unit; it was left out
problem-unit-name-is-sentence = "{ $name }" among the units is a sentence, not a unit name; it was left out
problem-unit-name-is-fragment = "{ $name }" among the units is a fragment, not a whole unit name; it was left out
problem-units-open-ended = the unit list ends in "{ $text }": only the units named were read; add the others in the preview sheet (📄) or your file
problem-unit-prefix-added = "{ $text }" read as "{ $name }" (the list writes the prefix once); if wrong, fix it in the preview sheet (📄) or your file
problem-units-from-task = "{ $text }" read as the { $count } units the task names in its other requirements; if wrong, fix it in the preview sheet (📄) or your file
problem-no-deadline = no deadline given
problem-deadline-conditional = the deadline "{ $text }" holds only while "{ $condition }": it is read as if it always held; change it with /deadline once the condition ends
problem-quota-not-per-unit = the target "{ $source }" is { $scope ->
    [whole] for the whole office
    [per-domain] per domain
   *[per-district] per district
  }, not for each unit: it is not counted per unit; check it by hand
problem-deadline-unread = deadline "{ $text }" cannot be read
problem-no-unit = no responsible unit given
problem-no-lead-unit = no lead unit given
problem-group-unassigned = "{ $name }" does not say which units it means; an admin assigns them after import
problem-group-empty = "{ $name }" matches no unit named in this plan; add those units, then import again
problem-unit-alias = "{ $longer }" and "{ $shorter }" may be one unit written two ways; if so, an admin merges them in chat: /units merge { $longer } { $shorter } (keeps "{ $shorter }")
problem-file-too-big = { $size } MB, more than the { $max } MB a plan may have
problem-file-empty = the file is empty
problem-file-blank = the file holds only blank text
problem-old-format = the old { $type } format is not supported; save the workbook as .xlsx (in Excel or WPS: 另存为 .xlsx) and send it again
problem-unsupported-type = { $type } files are not supported; send .docx, .pdf, .xlsx, .csv, .tsv or .txt
problem-old-document-format = the old { $type } format is not supported here (LibreOffice is not installed to convert it); open it in Word or WPS, choose 另存为 (Save As) .docx, and send it again
problem-convert-failed = the { $type } file could not be converted ({ $detail }); open it in Word, WPS or Excel, choose 另存为 (Save As) .docx or .xlsx, and send it again
problem-convert-timeout = converting the { $type } file took more than { $max } seconds and was stopped; open it in Word, WPS or Excel, choose 另存为 (Save As) .docx or .xlsx, and send it again
problem-not-docx = not a .docx document (the file is damaged or of another type)
problem-docx-protected = the document is password-protected or in the old .doc format; remove the password or save it as .docx (另存为 .docx) and send it again
problem-docx-zip-damaged = the document cannot be read (its zip directory is damaged); save it again in Word or WPS and send it again
problem-docx-unreadable = the document cannot be read ({ $detail })
problem-docx-too-many-parts = the document holds more than { $max } parts, far more than a plan needs; save the plan alone as .docx and send it again
problem-docx-too-large-unpacked = the document unpacks to more than { $max } MB, far more than a plan needs; save the plan alone as .docx and send it again
problem-docx-zip-bomb = the document's part { $name } is packed more than { $max } times smaller than its content, which no real document is; save it again in Word or WPS and send it again
problem-docx-too-much-text = the document holds more than { $max } characters of text (merged table cells count for every cell they cover), more than a plan holds; split the plan
problem-docx-too-many-cells = the document's tables have more than { $max } cells (merged cells count for every cell they cover), more than a plan holds; split the plan
problem-docx-too-complex = reading the document took more than { $max } seconds and was stopped (it is damaged or built unusually); save it again in Word or WPS and send it again, or send the plan as Excel (.xlsx)
problem-not-pdf = not a PDF (the file is damaged or of another type)
problem-pdf-protected = the PDF is password-protected; send it without the password, or send the plan as Word (.docx) or Excel (.xlsx)
problem-pdf-unreadable = the PDF cannot be read ({ $detail }); send the plan as Word (.docx) or Excel (.xlsx)
problem-pdf-no-text = the PDF has no text layer (it is a scan or a picture); run it through OCR (text recognition) first, or send the plan as Word (.docx) or Excel (.xlsx)
problem-pdf-too-many-pages = the PDF has { $pages } pages, more than the { $max } a plan may have; send only the plan's pages
problem-pdf-too-many-text-items = the PDF holds more than { $max } pieces of text, far more than a plan needs; send only the plan's pages
problem-pdf-too-complex = reading the PDF took more than { $max } seconds and was stopped (it is damaged or built unusually); send the plan as Word (.docx) or Excel (.xlsx)
problem-workbook-no-sheet = the workbook has no filled sheet
problem-workbook-protected = the workbook is password-protected or in the old .xls format; remove the password or save it as .xlsx and send it again
problem-not-xlsx = not an .xlsx workbook (the file is damaged or of another type)
problem-workbook-unreadable = the workbook cannot be read ({ $detail })
problem-workbook-zip-damaged = the workbook cannot be read (its zip directory is damaged)
problem-workbook-too-large-unpacked = the workbook unpacks to more than { $max } MB, far more than a plan needs; save only the plan's sheet and send it again
problem-workbook-too-many-elements = the workbook's XML has more than { $max } elements, far more than a plan needs; save only the plan's sheet and send it again
problem-workbook-too-many-cells = the workbook has more than { $max } cells (merged ranges and named ranges count every cell they cover), far more than a plan needs; check for merges or names over whole rows or columns
problem-sheet-too-wide = the workbook's rows span more than { $max } cells (this one reaches column { $column }), more than a plan holds; delete the cells to the right of the table
problem-sheet-too-much-text = the sheet holds more than { $max } characters of text (merged cells count for every cell they cover), more than a plan holds; split the plan
problem-too-many-delimited-cells = more than { $max } cells, far more than a plan has; delete the empty rows and columns and send it again
problem-delimited-ragged = the { $format ->
        [csv] CSV
       *[table] table
    } cannot be read (more than { $max } of its rows have a different number of cells from the first; remove the empty lines)
problem-delimited-unreadable = the { $format ->
        [csv] CSV
       *[table] table
    } cannot be read ({ $detail })
problem-no-header = no header row found in the first { $rows } rows (expected columns such as 序号, 工作任务, 任务要求, 完成时限, 责任处室)
problem-too-many-rows = { $rows } rows below the header, more than the { $max } a plan may have; split the plan
problem-no-task-rows = the table has a header row (row { $header }) but no task rows
problem-too-many-lines = { $lines } lines, more than the { $max } a plan may have; split the plan
problem-no-items = no numbered items found (expected lines starting with (一) or 1.) and no table header row
problem-not-a-plan = this does not read as a task plan: of { $requirements } numbered items, { $withUnit } name a responsible unit and { $withDeadline } a deadline. Send the task decomposition table (任务分解表) or the plan itself, or a spreadsheet with 任务 / 责任单位 / 完成时限 columns
problem-too-many-requirements = more than { $max } requirements in the plan, more than a plan may have; split the plan
problem-task-number-twice = task number { $number } is used twice ({ $first }; { $second }); give each task its own number, then import again
problem-file-not-found = no such file
problem-file-is-folder = is a folder, not a file
problem-file-unreadable = { $detail }
import-pasted-text = pasted text

# --- plan end and rollover ---
# /plans end N YYYY-MM-DD | none (bot/features/plans.ts); the end date and "to be archived when done" in /plans (db/plan-lifecycle.ts).
plans-end-usage = Set a plan's last day: /plans end N YYYY-MM-DD (e.g. /plans end 2 2026-06-30); clear it: /plans end N none.
plans-end-state-ended = ended
plans-end-until = ends { $date }
plans-rollover-when-done = replaced; to be archived when done (its last reminders and circular sent)
plans-end-details = { $state } ({ $details })
plans-end-details-separator = {"; "}
plans-end-bad-date = "{ $text }" is not a date. Write it as YYYY-MM-DD, e.g. 2026-06-30; to clear the end, write none.
plans-end-before-year = { $date } is before the plan's year { $year } begins: the plan would have no period at all. Give a day on or after 1 January { $year }.
plans-end-unchanged = #{ $n } "{ $plan }" already ends { $date ->
        [none] with its year (no end of its own)
       *[other] on { $date }
    }; nothing to change.
plans-end-confirm = Make { $date } the last day of #{ $n } "{ $plan }"?
    Periods due after it are neither reminded of nor asked for; reminders queued for them are skipped. Reports are kept, and /plans end { $n } none clears the end at any time.
plans-end-clear-confirm = Clear the end of #{ $n } "{ $plan }" (now { $date })?
    { $year ->
        [none] The plan will have no end.
       *[other] The plan runs on to 31 December { $year }.
    }
plans-end-button-set = ✅ Set the end
plans-end-button-clear = ✅ Clear the end
plans-end-set = #{ $n } "{ $plan }" now ends on { $date }{ $skipped ->
        [0] .
       *[other] ; { $skipped } reminder(s) queued after it skipped.
    }
plans-end-cleared = The end of #{ $n } "{ $plan }" is cleared; the plan runs { $year ->
        [none] with no end.
       *[other] to the end of { $year }.
    }

## /unit: what the unit submitted (issue 15)
unit-evidence-heading = <b>What { $unit } submitted</b> (each item's latest report)
unit-evidence-wanted = Evidence asked for: { $wanted }
unit-evidence-not-reported-list = Not reported yet ({ $count }): { $items }
unit-evidence-latest = Latest report: { $period } · { $status } · { $date }{ $late }
unit-evidence-late = { " " }(late)
unit-evidence-note = Note: { $note }
unit-evidence-files = Evidence: { $files }
unit-evidence-no-files = Evidence: none
unit-evidence-photo = a photo
unit-evidence-file = a file
unit-evidence-link = link { $url }
unit-evidence-written = note "{ $text }"
unit-evidence-pick = Press a button to get that item's files:
unit-evidence-gone = The file "{ $name }" cannot be fetched any more: Telegram no longer serves it and the evidence archive does not hold it. Ask the unit's liaison to report it again.

## /score: assessment points and points at risk (issue 15)
score-no-points = None of the plans you see gives points (an indicator's 分值). Once an assessment table with a points column is imported, this shows each indicator's evidence and the points at risk.
score-heading = <b>{ $plan }: assessment points</b>
    { $total } points in all; about { $risk } lack evidence.
    (Points at risk are each indicator's points in the share of its item × unit pairs without evidence: a unit's latest report on each item must carry a file, a photo, a link or a note.)
score-indicator = <b>{ $number } { $title }</b> ({ $points } points)
score-units = Units: { $units }
score-wanted = Evidence asked for: { $wanted }
score-received = Evidence in: { $received }/{ $pairs } · { $risk } points at risk
score-lacking = Still lacking: { $lacking }
score-by-unit = <b>By unit: indicators still lacking evidence</b>
score-unit = { $unit }: { $indicators } · { $risk } points at risk
score-all-proven = Every unit's evidence is in.
score-chart-title = Points per indicator and points at risk
score-list-more = { $list } and { $more } more { $more ->
    [one] unit
   *[other] units
}
score-unit-more = …and { $count } more { $count ->
    [one] unit
   *[other] units
}, about { $risk } points at risk in all

## /pack: the inspection pack (issue 15)
command-pack = Inspection pack (evidence zipped)
pack-working = Making the inspection pack of { $plan }; it comes here when ready…
pack-busy = Another pack is being made; send /pack again once it is out.
pack-volumes = The pack is about { $size } MB, over Telegram's { $limit } MB for one file, so it comes in { $count } volumes. Each is a whole zip with the whole 索引.xlsx, whose 所在分卷 (volume) column says which volume holds each file.
pack-caption = Inspection pack of { $plan }: { $files } evidence files in folders by indicator and unit; 索引.xlsx lists every item and what is missing.
pack-caption-volume = Inspection pack of { $plan }, volume { $number } of { $count }: { $files } evidence files in this volume.
pack-done = Sent: { $files } evidence files in all; of { $assignments } item × unit pairs, { $missing } lack evidence (see 索引.xlsx, column 缺失说明).
pack-files-missing = { $count } files could not be packed (not archived yet, or missing from the archive); 索引.xlsx marks each. Ask those liaisons to send them again with /edit.
pack-damaged = { $count } files no longer match the SHA-256 they were archived with; they are packed and marked 已损坏 (damaged) in 索引.xlsx. Ask those liaisons to send them again with /edit.
pack-file-too-large = A file is over Telegram's { $limit } MB for one file, so the pack cannot be sent in the chat.
pack-volume-too-large = A volume came out at { $size } MB, over Telegram's { $limit } MB for one file, and was not sent. Please tell whoever runs the bot.
