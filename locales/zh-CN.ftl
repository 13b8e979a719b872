## Common

common-unknown-user = 您好！督办还没有登记您。请向管理员索取本单位的邀请链接，打开链接即可加入。
common-not-allowed = 您没有使用这个命令的权限。
common-error = 抱歉，处理时出错了，请稍后再试。
common-conversation-failed = 抱歉，处理时出错了，这次操作已中止，没有保存任何内容。请重新发送命令再试一次。
common-working = 正在处理，请稍候……
common-reply-delayed = Telegram 要求督办稍等，回复约 { $seconds } 秒后送达。
common-unknown-command = 没有这个命令。发送 /help 查看您可以使用的命令。
common-private-only = 请在与督办的私聊中使用这个命令。
common-button-expired = 这个按钮已失效，请重新发送命令。

## Commands (the menu beside the message box)

command-start = 开始
command-help = 可用的命令
command-language = 切换语言
command-tasks = 本单位的任务和截止日期
command-plans = 已导入的计划

## Start

start-admin = 您好，{ $name }！您是督办的<b>管理员</b>。
start-liaison = 您好，{ $name }！您是 <b>{ $units }</b> 的<b>联络员</b>。截止日期前督办会提醒您，进展也在这里报送。
start-lead = 您好，{ $name }！您是 <b>{ $scope }</b> 的<b>分管领导</b>，每周会收到进度汇总。
start-next = 发送 /help 查看您可以使用的命令。
start-group = 督办已在本群。领导小组的周报和通报会发到这里。

## Help

help-title = 您可以使用这些命令：

## Language

language-choose = 请选择语言 / Choose your language:
language-set = 语言已设为中文。

## Tasks

tasks-not-liaison = 只有单位联络员可以查看本单位任务。
tasks-choose-unit = 您是多个单位的联络员，请选择要查看的单位：
tasks-none = <b>{ $unit }</b> 目前没有任务。
tasks-header = <b>{ $unit }</b> 的任务（共 { $count } 项，第 { $page }/{ $pages } 页），最近截止的在前：
tasks-cooperating = （配合）
tasks-due = 截止：{ $day }
tasks-status-open = 未报送，还有 { $days } 天
tasks-status-due-today = 今天截止，未报送
tasks-status-overdue = 已逾期，未报送
tasks-status-reported = 已报送：{ $status }
tasks-status-late = 逾期报送：{ $status }（视为未完成）
tasks-no-fixed-date = 随事项发生办理（{ $deadline }）
tasks-unreadable = 截止时间未能识别（{ $deadline }），管理员会处理
tasks-none-left = 已无后续截止日期（{ $deadline }）
tasks-quota = 目标：{ $target }{ $unit }{ $period }
tasks-prev = ◀ 上一页
tasks-next = 下一页 ▶

## Report statuses

status-done = 已完成
status-in_progress = 进行中
status-blocked = 遇到困难
status-nothing = 本期无进展

## Quota periods

period-year = /年
period-month = /月
period-once = {""}

## Plans

plans-none = 还没有导入计划。
plans-title = 已导入的计划：
plans-item = <b>{ $title }</b>（{ $year }）：{ $tasks } 项任务，{ $requirements } 条要求，{ $units } 个单位
plans-untitled = （无标题）
plans-no-year = 未注明年份

## Reminders

reminder-before = ⏰ <b>提醒</b>：以下任务 { $day } 截止，还有 { $days } 个工作日：
reminder-due = ⏰ <b>{ $days ->
        [0] 今天截止
        [1] 明天截止
        [2] 后天截止
       *[other] { $days }天后截止
    }</b>（{ $day }）：以下任务还没有报送：
reminder-overdue = ❗ <b>已逾期</b>：以下任务 { $day } 已截止，还没有报送。逾期报送视为工作未完成，请尽快报送：
reminder-snoozed = ⏰ <b>按您的要求再次提醒</b>：以下任务 { $day } 截止：
reminder-item = { $number }. <b>{ $task }</b> { $title }
reminder-quota = 目标 { $target }{ $unit }{ $period }，已报 { $done }{ $unit }
reminder-unit = 单位：{ $unit }
reminder-button-done = ✅ 已完成 { $item }
reminder-button-snooze = ⏰ 下个工作日再提醒
reminder-done-recorded = ✅ 已记录：{ $item } 已完成（{ $when }）。
reminder-done-late = ✅ 已记录：{ $item } 已完成，但已逾期报送，视为未完成。
reminder-already-reported = 这一期已经报送过了。
reminder-snooze-set = 好的，{ $day } 上午再提醒您。
reminder-snooze-too-late = 今天就是截止日，无法再推迟，请今天报送。
reminder-overdue-lead = ❗ <b>{ $unit }</b> 有 { $count } 项任务 { $day } 截止后仍未报送：
reminder-no-liaison = ⚠️ <b>{ $unit }</b> 还没有联络员，{ $day } 截止的 { $count } 项任务无人提醒。请管理员用 /invite 邀请联络员。
reminder-unreachable = ⚠️ <b>{ $person }</b>（{ $units } 联络员）已屏蔽督办，提醒无法送达。请与其联系，或另行指定联络员。
reminder-more = …另有 { $count } 项
reminder-calendar-missing = ⚠️ 节假日日历还没有 { $year } 年的数据。在加载之前，督办按普通周末（周一至周五上班）安排提醒，不考虑法定节假日和调休。国务院公布 { $year } 年节假日安排后，请用 /calendar 加载。
too-long-refused = ⚠️ 有一条{ $kind ->
        [circular] 月度通报
        [circular-draft] 月度通报草稿
        [weekly-summary] 每周汇总
        [reminder] 提醒
       *[other] 通知
    }太长，Telegram 拒绝接收，未能发送给 { $who }。请告知系统维护人员。
too-long-partly = 已发出其中 { $sent } 段（共 { $parts } 段）。
too-long-group = “{ $plan }”领导小组群

## Report (the /report conversation)

command-report = 报送进展
command-cancel = 取消当前操作
report-not-liaison = 只有单位联络员可以报送进展。
report-nothing = 您的单位目前没有需要报送的任务。
report-pick = 请选择要报送的任务（最紧急的在前，第 { $page }/{ $pages } 页）：
report-new-event = 新事项
report-ask-status = <b>{ $item } { $title }</b>（{ $unit }）
    期次：{ $period }，截止 { $due }
    请选择进展状态：
report-ask-status-event = <b>{ $item } { $title }</b>（{ $unit }）
    记录一件今天发生的新事项，需在 { $deadline } 内办结。请选择进展状态：
report-ask-note = 请用一两句话说明进展（{ $max } 字以内），或点“跳过”。
report-note-too-long = 说明太长了（{ $length } 字），请控制在 { $max } 字以内。
report-ask-count = 本期完成了多少{ $unit }？目标 { $target }{ $unit }{ $period }，已报 { $done }{ $unit }。请输入数字，如 3 或 三。
report-count-not-a-number = “{ $text }”不是数量，请输入数字，如 3 或 三。
report-count-negative = 数量不能是负数，请重新输入。
report-count-fraction = 数量应为整数，请重新输入。
report-count-too-large = 数量太大了，请核对后重新输入。
report-ask-evidence = 请发送佐证材料（照片或文件，最多 { $max } 份），发完点“完成”；没有就点“跳过”。
report-evidence-added = 已收到第 { $n } 份佐证材料。继续发送，或点“完成”。
report-evidence-too-big = 文件太大（{ $size } MB），单个文件不能超过 { $max } MB。
report-evidence-type = 不支持这种文件（{ $name }）。请发送照片、PDF、Word、Excel、PPT、文本或压缩包。
report-evidence-full = 已有 { $max } 份佐证材料，请点“完成”。
report-summary = 请确认报送内容：
    任务：{ $item } { $title }（{ $unit }）
    期次：{ $period }（截止 { $due }）
    状态：{ $status }
    说明：{ $note }
    数量：{ $count }
    佐证材料：{ $evidence } 份
report-none = 无
report-saved = ✅ 已报送：{ $item } { $title }（{ $unit }），{ $period }。
report-saved-late = ⚠️ 已报送：{ $item } { $title }（{ $unit }），{ $period }。已超过截止时间，逾期报送视为工作未完成。
report-saved-event = ✅ 已记录新事项：{ $item } { $title }（{ $unit }），请在 { $due } 前办结并报送。
report-cancelled = 已取消报送，没有保存任何内容。
report-timed-out = 上一次报送超过 30 分钟没有完成，已自动取消。
report-use-buttons = 请点击上面的按钮，或发送 /cancel 取消。
report-use-text = 请直接发送文字，或发送 /cancel 取消。
report-button-skip = 跳过
report-button-done = 完成
report-button-confirm = ✅ 提交
report-button-cancel = 取消
reminder-button-report = 📝 报送 { $item }
cancel-nothing = 当前没有进行中的操作。
period-label-month = { $year }年{ $month }月
period-label-quarter = { $year }年第{ $quarter }季度
period-label-week = { $year }年第{ $week }周
period-label-once = 一次性任务
period-label-event = 事项（{ $date }发生）

## Invites

command-invite = 邀请联络员或领导
command-invites = 未使用的邀请
command-revoke = 撤销邀请
invite-usage = 用法：/invite 单位名称（邀请该单位的联络员），或 /invite 领导 单位名称（该单位的分管领导），或 /invite 领导（整个计划的分管领导）。
invite-no-unit = 没有名为“{ $name }”的单位。
invite-did-you-mean = 您是不是要找：{ $names }？
invite-no-plan = 还没有导入计划，无法邀请领导。
invite-created = 邀请链接（{ $role }，{ $scope }），{ $days } 天内有效，只能使用一次：
    { $link }
    请转发给对方，对方打开链接即可加入。
invite-role-liaison = 联络员
invite-role-lead = 分管领导
invite-list-title = 未使用的邀请：
invite-list-title-paged = 未使用的邀请（共 { $count } 个，第 { $page }/{ $pages } 页）：
invite-list-item = { $role }，{ $scope }，{ $expires } 前有效（{ $code }）
invite-list-none = 没有未使用的邀请。
invite-button-revoke = 撤销 { $code }
invite-revoked = 已撤销邀请 { $code }。
invite-revoke-usage = 用法：/revoke 邀请码（用 /invites 查看）。
invite-revoke-unknown = 没有可撤销的邀请“{ $code }”。
invite-invalid = 这个邀请链接无效。请向管理员索取新的链接。
invite-used = 这个邀请链接已经使用过了。如需加入，请向管理员索取新的链接。
invite-expired = 这个邀请链接已经过期。请向管理员索取新的链接。
invite-was-revoked = 这个邀请链接已被撤销。请向管理员索取新的链接。
invite-already = 您已经是 { $scope } 的{ $role }。
invite-welcome-deadlines = 最近的截止日期：
invite-welcome-deadline = • { $item } { $title } — { $due }
invite-welcome-more = 发送 /tasks 查看全部任务，/report 报送进展。

## Import (admins load a plan)

command-import = 导入任务分解表
import-ask = 请发送任务分解表文件（.xlsx、.csv、.tsv 或 .txt，不超过 10 MB），或直接粘贴计划全文（可分几条发送，发完点“文本已发完”）。
import-button-text-done = 文本已发完
import-text-received = 已收到 { $chars } 字。继续粘贴，或点“文本已发完”。
import-reading = 正在读取 { $name }…
import-refused = ❌ 无法导入：{ $reason }
import-too-big = 文件太大（{ $size } MB），任务分解表不能超过 10 MB。
import-preview = <b>{ $title }</b>（{ $year }）
    读取自：{ $source }
    { $sections } 个部分，{ $tasks } 项任务，{ $requirements } 条要求，{ $units } 个单位，{ $quotas } 个量化目标。
import-preview-units = 单位：{ $units }
import-preview-deadlines = 截止时间：{ $recognized } 条已识别，{ $unrecognized } 条未能识别。
import-preview-changes-new = 这是一个新计划，确认后将全部导入。
import-preview-changes = 与已导入的同名计划相比：新增 { $added } 项任务，更新 { $updated } 项，归档 { $archived } 项，未变 { $unchanged } 项。
import-preview-problems = 需要处理的问题（{ $count } 个）：
import-preview-more = …另有 { $count } 个问题
import-no-problems = 没有发现问题。
import-button-confirm = ✅ 确认导入
import-confirmed = ✅ 已导入：{ $title }。新增 { $added } 项任务，更新 { $updated } 项，归档 { $archived } 项；新单位：{ $newUnits }。
import-cancelled = 已取消导入，没有改动任何数据。
import-no-title = （未找到标题）
import-no-year = 未注明年份
import-none = 无

## Quota and edit (liaisons)

command-quota = 量化目标进度
command-edit = 修改上一次报送
quota-none = 您的单位没有量化目标。
quota-title = <b>{ $unit }</b> 的量化目标：
quota-item = { $item } { $title }：目标 { $target }{ $label }{ $period }，已完成 { $actual }{ $label }{ $pace }
quota-pace-year = ，按进度此时应完成约 { $expected }{ $label }
quota-behind = ⚠️ 落后于进度
quota-on-track = ✓
quota-missed = ❗ 截止时未达到目标
quota-open = ⏳ 尚未达到目标，{ $day } 截止
quota-open-undated = ⏳ 尚未达到目标
edit-none = 您还没有可以修改的报送。
edit-closed = 这一期的报送已经通报，不能再修改。

## Admin commands

command-units = 单位与联络员
command-leads = 分管领导
command-deadline = 修正截止时间
command-policy = 提醒规则
command-calendar = 节假日日历
units-title = 单位与联络员（共 { $count } 个单位）：
units-item = • { $unit }：{ $liaisons }
units-no-liaison = ⚠️ 尚无联络员
units-unreachable = （已屏蔽督办）
units-unreachable-deactivated = （Telegram 账号已注销）
units-unreachable-not-found = （Telegram 找不到与其的对话，请其发送 /start）
leads-title = 分管领导：
leads-item = • { $name }：{ $scope }
leads-none = 还没有分管领导。用 /invite 领导 邀请。
deadline-usage = 用法：/deadline 任务号-要求号 截止时间，例如 /deadline 18-2 12月底前。
deadline-unread-title = 以下要求的截止时间未能识别：
deadline-unread-item = • { $item }（{ $task }-{ $index }）“{ $text }”
deadline-unread-none = 所有要求的截止时间都已识别。
deadline-no-requirement = 没有找到要求 { $ref }。
deadline-not-read = 仍然无法识别“{ $text }”，请换一种写法，例如 每月10日前、12月底前、七个工作日内。
deadline-set = 已将 { $item } 的截止时间改为“{ $text }”（{ $rule }）。以后重新导入也会保留这一修改。
policy-show = 提醒规则（{ $plan }）：
    截止前 { $before } 个工作日提醒；截止当天{ $onDue }；逾期次日{ $overdue }；
    工作时间 { $start }–{ $end }；持续性任务每月 { $day } 日前报送。
    每周汇总：{ $summaryDay } { $summaryTime }（遇节假日顺延到当周下一个工作日）。
    修改：/policy before 3,1 ｜ /policy due on|off ｜ /policy overdue on|off ｜ /policy hours 09:00-18:00 ｜ /policy day 10 ｜ /policy summary 1 09:00
policy-yes = 提醒
policy-no = 不提醒
policy-updated = 已更新提醒规则。
policy-invalid = 无法理解“{ $text }”。{ $reason }
calendar-status = { $year } 年节假日数据：{ $source }。
calendar-source-package = 来自 chinese-days 数据包
calendar-source-override = 管理员加载的国务院通知
calendar-source-none = ⚠️ 没有数据，按普通周末安排（不含法定节假日和调休）
calendar-usage = 用法：/calendar 年份 查看；/calendar 年份 后换行粘贴国务院节假日安排通知，加载该年日历。
calendar-loaded = 已加载 { $year } 年节假日安排：放假 { $holidays } 天，调休上班 { $workdays } 天。
calendar-errors = 无法加载 { $year } 年的安排：
calendar-error-item = • 第 { $line } 行：{ $message }

## Summaries (leads)

command-summary = 进度汇总
command-overdue = 逾期未报
command-unit = 单位详情
summary-title = 📊 <b>督办进度汇总</b>（{ $date }）
summary-scope = 范围：{ $scope }
summary-units-header = 各单位最近一期报送（按时 / 逾期 / 未报）：
summary-unit = { $unit }：按时 { $onTime }，逾期 { $late }，未报 { $missing }
summary-rest-on-time = 其余 { $count } 个单位全部按时。
summary-overdue-header = ❗ 逾期未报（{ $count }）：
summary-overdue = • { $unit } { $item } { $title }，{ $due } 截止，已逾期 { $days } 天
summary-quota-header = ⚠️ 量化目标落后于进度（{ $count }）：
summary-quota = • { $unit } { $item } { $title }：目标 { $target }{ $label }，此时应完成约 { $expected }，实际 { $actual }
summary-due-header = 📅 未来 7 天截止（{ $count }）：
summary-due = • { $unit } { $item } { $title }，{ $due }
summary-more = …另有 { $count } 项
summary-none-overdue = 没有逾期未报的任务。
summary-not-lead = 只有分管领导和管理员可以查看汇总。
summary-unit-usage = 用法：/unit 单位名称
summary-no-unit = 没有名为“{ $name }”的单位，或它不在您的范围内。
summary-scope-all = 全部单位

## Circular (通报)

command-yearly = 全年报送统计
circular-title = 📢 <b>{ $plan }</b> { $month }报送情况通报
circular-draft-note = 【草稿，尚未发布】请核对后发布或暂缓。
circular-on-time = ✅ 按时报送（{ $count }）：{ $units }
circular-partly-on-time = ☑️ 部分按时报送（{ $count }），按时报送的项目：
circular-late = ⚠️ 逾期报送，视为未完成（{ $count }）：
circular-missing = ❌ 未报送（{ $count }）：
circular-unit-items = • { $unit }：{ $items }
circular-quotas = 量化目标落后于进度（{ $count }）：
circular-quota = • { $unit } { $item }：目标 { $target }{ $label }，应完成约 { $expected }，实际 { $actual }
circular-none = 无
circular-button-publish = 📢 发布
circular-button-hold = ⏸ 暂缓
circular-published = ✅ 已发布，已发送给各分管领导；该期报送不再接受修改。
circular-held = ⏸ 已暂缓发布。需要时可点“发布”。
circular-already = 该通报已经发布。
yearly-title = 📅 <b>{ $year } 年报送统计</b>（截至 { $date }）
yearly-unit = { $unit }：按时 { $onTime } 期，逾期 { $late } 期，未报 { $missing } 期
command-export = 导出台账（Excel）
export-caption = 台账（{ $scope }），截至 { $date }。
export-nothing = 还没有可导出的计划。
group-bound = 已将本群设为“{ $plan }”的领导小组群：每周汇总和月度通报会发到这里。
group-not-admin = 只有管理员可以设置领导小组群。
group-no-plan = 还没有导入计划。
weekday-1 = 周一
weekday-2 = 周二
weekday-3 = 周三
weekday-4 = 周四
weekday-5 = 周五
weekday-6 = 周六
weekday-7 = 周日
reminder-unreachable-deactivated = ⚠️ <b>{ $person }</b>（{ $units } 联络员）的 Telegram 账号已注销，提醒无法送达。请另行指定联络员。
reminder-unreachable-not-found = ⚠️ 提醒无法送达 <b>{ $person }</b>（{ $units } 联络员）：Telegram 找不到与其的对话（可能从未与督办对话，或账号已注销）。请让其在与督办的私聊中发送 /start，或另行指定联络员。
group-lost = ⚠️ 督办已不在“{ $plan }”的领导小组群中（被移出群，或群已解散），每周汇总和月度通报不再发到该群；各位领导仍会在私聊中收到。要重新设置，请把督办加入领导小组群，再由管理员在群里发送 /group。
group-anonymous = 您是以匿名管理员身份发送的，督办无法确认您是否为管理员，未做任何更改。请在群管理员设置中关闭“保持匿名”，然后再发送一次 /group。
command-remove = 移除联络员或领导
remove-usage = 用法：/remove 姓名或 Telegram ID [单位]，例如 /remove 李娜 政策法规处；只发送 /remove 可从名单中选择。
remove-list-title = 请选择要移除的人员（共 { $count } 项），点击对应序号：
remove-list-title-paged = 请选择要移除的人员（共 { $count } 项，第 { $page }/{ $pages } 页），点击对应序号：
remove-list-item = { $n }. { $name } — { $scope }（{ $role }）
remove-list-none = 目前没有可以移除的联络员或领导。
remove-several = “{ $who }”有多个身份，请点击序号选择要移除的一个：
remove-not-found = 没有找到“{ $who }”担任的联络员或领导身份。请核对姓名或 Telegram ID，或只发送 /remove 从名单中选择。
remove-confirm = 移除 { $name } 在 { $scope } 的{ $role }身份？
    移除后其立即失去相应权限，不再收到相关提醒。
remove-button-yes = ✅ 确认移除
remove-button-no = 取消
remove-done = 已移除 { $name } 在 { $scope } 的{ $role }身份，并已通知本人。
remove-cancelled = 已取消，未作任何更改。
remove-already = 该身份已经移除，无需再次操作。
remove-notice-liaison = 管理员已移除您在 { $scope } 的{ $role }身份。您不再负责该单位的进展报送，也不会再收到该单位的提醒。如有疑问，请联系管理员。
remove-notice-lead = 管理员已移除您对 { $scope } 的{ $role }身份，您将不再收到相关汇总和通报。如有疑问，请联系管理员。
remove-done-untold = 已移除 { $name } 在 { $scope } 的{ $role }身份。督办未能通知本人（可能已屏蔽督办），请另行告知。
units-merge-usage = 用法：/units merge 原单位名 保留的单位名，例如 /units merge 局办公室 办公室（把“局办公室”并入“办公室”）。
units-merge-preview = 将“{ $from }”合并到“{ $into }”？
    将转移：任务分工 { $assignments } 项，报送记录 { $reports } 条，增量事项 { $events } 件，联络员和领导 { $people } 人，邀请 { $invites } 个。
    合并后“{ $from }”作为“{ $into }”的别名保留，以后导入时自动识别。合并不能撤销。
units-merge-button-yes = ✅ 确认合并
units-merge-button-no = 取消
units-merge-done = 已将“{ $from }”合并到“{ $into }”。
units-merge-cancelled = 已取消合并，未作任何更改。
units-merge-no-unit = 没有名为“{ $name }”的单位。发送 /units 查看全部单位。
units-merge-same = “{ $from }”和“{ $into }”已经是同一个单位，无需合并。
units-merge-clash = 两个单位对同一任务的同一期次都已报送（{ $list }），无法合并。请先更正其中一份报送，再合并。
units-merge-gone = 其中一个单位已不存在（可能已经合并过），请重新发送命令。
