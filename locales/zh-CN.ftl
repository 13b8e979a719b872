## Common

common-unknown-user = 您好！督办还没有登记您。请向管理员索取本单位的邀请链接，打开链接即可加入。
common-not-allowed = 您没有使用这个命令的权限。
common-error = 抱歉，处理时出错了，请稍后再试。
common-conversation-failed = 抱歉，处理时出错了，这次操作已中止，没有保存任何内容。请重新发送命令再试一次。
conversation-upgraded = 督办刚刚更新过，您进行到一半的 { $commands } 已中止，填写的内容没有保存。请重新发送 { $commands }。
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
tasks-status-not-asked = 在本单位接到任务前已截止，无需报送
tasks-status-overdue = 已逾期，未报送
tasks-status-reported = 已报送：{ $status }
tasks-status-late = 逾期报送：{ $status }（视为未完成）
tasks-no-fixed-date = 随事项发生办理（{ $deadline }）
tasks-no-deadline = 计划未写截止时间，管理员会处理；可随时报送进展
tasks-plan = 所属计划：《{ $plan }》
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
plans-item = #{ $n } <b>{ $title }</b>（{ $year }）— { $state }：{ $tasks } 项任务，{ $requirements } 条要求，{ $units } 个单位，{ $liaisons } 名联络员
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
reminder-ratio = 目标 { $target }%，最近报送 { $latest }%
reminder-ratio-none = 目标 { $target }%，尚未报送比例
reminder-button-done = ✅ 已完成 { $item }
reminder-button-snooze = ⏰ 下个工作日再提醒
reminder-done-recorded = ✅ 已记录：{ $item } 已完成（{ $when }）。
reminder-done-late = ✅ 已记录：{ $item } 已完成，但已逾期报送，视为未完成。
reminder-already-reported = 这一期已经报送过了。
reminder-snooze-set = 好的，{ $day } 上午再提醒您。
reminder-snooze-too-late = 今天就是截止日，无法再推迟，请今天报送。
reminder-overdue-lead = ❗ <b>{ $unit }</b> 有 { $count } 项任务 { $day } 截止后仍未报送：
reminder-no-liaison = ⚠️ <b>{ $unit }</b> 还没有联络员，{ $day } 截止的 { $count } 项任务无人提醒。请管理员用 /invite 邀请联络员。
reminder-overdue-lead-units = ❗ { $day } 截止的任务，以下 { $count } 个单位仍未报送：
reminder-no-liaison-units = ⚠️ 以下 { $count } 个单位还没有联络员，{ $day } 截止的任务无人提醒。请管理员用 /invite 邀请联络员：
reminder-lead-unit = <b>{ $unit }</b>（{ $count } 项）
reminder-lead-units-more = …另有 { $count } 个单位
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
report-ask-status-undated = <b>{ $item } { $title }</b>（{ $unit }）
    本项没有可用的截止时间（计划未写或未能识别，管理员可用 /deadline 设定），本次报送不计逾期。请选择进展状态：
report-ask-note = 请用一两句话说明进展（{ $max } 字以内），或点“跳过”。
report-note-too-long = 说明太长了（{ $length } 字），请控制在 { $max } 字以内。
report-ask-count = 本期完成了多少{ $unit }？目标 { $target }{ $unit }{ $period }，已报 { $done }{ $unit }。请输入数字，如 3 或 三。
report-count-not-a-number = “{ $text }”不是数量，请输入数字，如 3 或 三。
report-count-negative = 数量不能是负数，请重新输入。
report-count-fraction = 数量应为整数，请重新输入。
report-count-too-large = 数量太大了，请核对后重新输入。
report-ask-ratio = 目前达到的比例是多少？目标 { $target }%，上次报送 { $done }%。请输入百分数，如 95%。
report-ask-ratio-first = 目前达到的比例是多少？目标 { $target }%。请输入百分数，如 95%。
report-ratio-over = 比例不能超过 { $max }%，请重新输入。
report-ratio-fraction = 请输入整数百分比，如 95%。
report-ratio-not-a-number = “{ $text }”不是百分比，请输入如 95% 的数字。
report-ask-evidence = 请发送佐证材料（照片、文件，或网址、文字说明，最多 { $max } 份），发完点“完成”；没有就点“跳过”。
report-ask-named-evidence = 本项要求的佐证材料：{ $evidence }
    请上传（照片、文件，或网址、文字说明，最多 { $max } 份），发完点“完成”；没有就点“跳过”。
report-evidence-added = 已收到第 { $n } 份佐证材料。继续发送，或点“完成”。
report-evidence-too-big = 文件太大（{ $size } MB），单个文件不能超过 { $max } MB。
report-evidence-type = 不支持这种文件（{ $name }）。请发送照片、PDF、Word、Excel、PPT、文本或压缩包。
report-evidence-full = 已有 { $max } 份佐证材料，请点“完成”。
report-evidence-not-archived = 报告已保存，但{ $files }暂时没能存入佐证材料档案，系统会自动重试。为稳妥起见，也可以用 /edit 再发送一次这份材料。
report-evidence-photo = 照片
report-summary = 请确认报送内容：
    任务：{ $item } { $title }（{ $unit }）
    期次：{ $period }（截止 { $due }）
    状态：{ $status }
    说明：{ $note }
    数量：{ $count }
    佐证材料：{ $evidence } 份
report-summary-evidence-missing = ⚠️ 本项要求佐证材料（{ $evidence }），这次没有附上。可以先提交，之后用 /edit 补充；没有佐证的事项会在汇总和评估中列为缺少佐证。
report-summary-evidence-missing-points = ⚠️ 本项是评估指标（{ $points } 分），评估时看佐证材料，这次没有附上。可以先提交，之后用 /edit 补充；没有佐证的会计入失分风险。
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
import-ask = 请发送工作方案或任务分解表文件（Word .docx、PDF、表格 .xlsx、.csv、.tsv 或 .txt；服务器能转换时也可发 .doc、.wps、.xls、.et；不超过 10 MB），或直接粘贴计划全文（可分几条发送，发完点“文本已发完”）。
import-button-text-done = 文本已发完
import-text-received = 已收到 { $chars } 字。继续粘贴，或点“文本已发完”。
import-reading = 正在读取 { $name }…
import-refused = ❌ 无法导入：{ $reason }
import-too-big = 文件太大（{ $size } MB），任务分解表不能超过 10 MB。
import-ask-year = 计划中没有写年度（标题、印发日期和正文中都没有）。这是哪一年的计划？请点选，或直接输入年份（如 2021）。没有年份的日期（3月底前、xx年6月30日前）将按该年度计算。
import-year-use = 请点选年份，或输入 2000 到 2100 之间的年份，如 2021。
import-year-button = { $year }年
import-preview = <b>{ $title }</b>（{ $year }）
    读取自：{ $source }
    { $sections } 个部分，{ $tasks } 项任务，{ $requirements } 条要求，{ $units } 个单位，{ $quotas } 个量化目标。
import-preview-units = 单位：{ $units }
import-preview-deadlines = 截止时间：{ $recognized } 条已识别，{ $unrecognized } 条未能识别{ $missing ->
    [0] {""}
   *[other] ，{ $missing } 条未写
}。
import-preview-changes-new = 这是一个新计划，确认后将全部导入。
import-preview-changes = 与已导入的同名计划相比：新增 { $added } 项任务，更新 { $updated } 项，归档 { $archived } 项，未变 { $unchanged } 项。
import-preview-problems = 需要处理的问题（{ $count } 个）：
import-preview-more = …另有 { $count } 个问题
import-no-problems = 没有发现问题。
import-button-confirm = ✅ 确认导入
import-confirmed = ✅ 已导入：{ $title }。新增 { $added } 项任务，更新 { $updated } 项，归档 { $archived } 项；新单位：{ $newUnits }。
import-past-year = ⚠️ 这是 { $year } 年的计划，今年是 { $thisYear } 年。请选择：
    • 仅作历史记录：按 { $year } 年运行，各期都已过去，不提醒，也不计逾期；
    • 滚动到今年：按 { $thisYear } 年运行，各项截止时间顺延到 { $thisYear } 年，照常提醒。
import-past-year-own = 按 { $year } 年（仅作历史记录）
import-past-year-roll = 滚动到 { $thisYear } 年运行
import-replace = 这是《{ $old }》（{ $oldYear }）的新一年度版本。是否由它接替旧计划？
    接替：沿用旧计划的提醒规则、领导小组群和分管领导；旧计划发完最后的逾期提醒和通报后自动归档。
    并行：两个计划同时进行，各自设置。
import-replace-yes = 接替旧计划
import-replace-no = 两个计划并行
import-done-own-year = 按 { $year } 年运行，仅作历史记录：不提醒，也不计逾期。
import-done-rolled = 已滚动到 { $year } 年运行，各项截止时间顺延到 { $year } 年。
import-done-replaced-archived = 已接替《{ $old }》，沿用了：{ $policy ->
        [yes] 提醒规则、
       *[other] {""}
    }{ $group ->
        [yes] 领导小组群、
       *[other] {""}
    }{ $leads } 位分管领导；旧计划已归档。
import-done-replaced-later = 已接替《{ $old }》，沿用了：{ $policy ->
        [yes] 提醒规则、
       *[other] {""}
    }{ $group ->
        [yes] 领导小组群、
       *[other] {""}
    }{ $leads } 位分管领导；旧计划发完最后的逾期提醒和通报后自动归档。
import-done-still-archived = 注意：该计划已归档，本次只更新了内容。如需恢复，请发送 /plans restore { $plan }。
import-replaced-meanwhile = 未导入：《{ $old }》在您确认之前已归档或已由其他计划接替，没有改动任何数据。请重新发送 /import。
import-cancelled = 已取消导入，没有改动任何数据。
import-no-title = （未找到标题）
import-no-year = 未注明年份
import-none = 无
import-preview-points = 分值：{ $tasks } 项任务有分值，合计 { $total } 分。
import-preview-evidence = 佐证材料：{ $count } 条要求写明了考核要求或佐证材料。
import-preview-ignored = 没有作为任务或要求导入的内容（{ $count } 行）：
import-ignored-line = • { $where }（{ $reason }）：{ $text }
import-preview-ignored-more = …另有 { $count } 行，见预览表格
import-problem-kind = • { $message }（共 { $count } 处：{ $places }{ $more ->
        [0] {""}
       *[other] 等
    }）
import-problem-kind-first = • { $problem }（同类问题共 { $count } 处）
import-problem-kind-also = {"  "}◦ { $problem }
import-problem-kind-more = {"  "}…同类问题另有 { $count } 处
import-problem-place-separator = ；
import-preview-sheet-hint = 点“📄 预览表格”可下载本预览的电子表格：在表中改正后把文件发回，即按表格内容导入。
import-button-sheet = 📄 预览表格
import-sheet-caption = 预览表格：改正后把文件发回即按表格导入。第一个工作表是任务和要求；“说明”工作表列出没有导入的内容和问题，导入时不读取。
import-sheet-notes = 说明
import-sheet-ignored = 没有作为任务或要求导入的内容
import-sheet-problems = 需要处理的问题
import-sheet-where = 位置
import-sheet-reason = 原因
import-sheet-text = 原文
import-sheet-problem = 问题
ignored-notice = 印发通知正文
ignored-preamble = 方案前言
ignored-goals = 工作目标
ignored-organization = 组织领导
ignored-work-requirements = 工作要求/保障措施
ignored-signature = 落款
ignored-attachment-heading = 附件标题
ignored-page-furniture = 网页信息
ignored-page-number = 页码
ignored-closing = 正文后的文字
ignored-other-column = 不导入的列
ignored-unused-cell = 未对应任何要求的单元格
ignored-heading = 标题行
ignored-scoring-rule = 评分标准/细则

## Quota and edit (liaisons)

command-quota = 量化目标进度
command-edit = 修改上一次报送
quota-none = 您的单位没有量化目标。
quota-title = <b>{ $unit }</b> 的量化目标：
quota-item = { $item } { $title }：目标 { $target }{ $label }{ $period }，已完成 { $actual }{ $label }{ $pace }
quota-pace-year = ，按进度此时应完成约 { $expected }{ $label }
quota-behind = ⚠️ 落后于进度
quota-ratio = { $item } { $title }：目标 { $target }%，最近报送 { $latest }%
quota-ratio-none = { $item } { $title }：目标 { $target }%，尚未报送比例
quota-ratio-below = ⚠️ 未达到目标
quota-on-track = ✓
quota-missed = ❗ 截止时未达到目标
quota-open = ⏳ 尚未达到目标，{ $day } 截止
quota-open-undated = ⏳ 尚未达到目标
edit-none = 您还没有可以修改的报送。
edit-period-over = 这一期已经结束，报送不能再修改。
edit-closed = 这一期的报送已经通报，不能再修改。
edit-current = 正在修改已报送的内容：
    状态：{ $status }
    说明：{ $note }
    数量：{ $count }
    佐证材料：{ $evidence } 份（保留，可再补充）
edit-button-keep = 保留原说明
edit-evidence-kept = { $total } 份（含原有 { $kept } 份）

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
deadline-assessment-not-date = 评估日期须是一个具体日期，例如 /deadline 评估 11月30日前；“{ $text }”不是。
deadline-assessment-none = “{ $plan }”中没有未写截止时间的要求。
deadline-assessment-set = 已将“{ $plan }”中 { $count } 项未写截止时间的要求的截止时间定为评估日期“{ $text }”（{ $rule }），到期前照常提醒。以后重新导入也会保留。
deadline-unread-title = “{ $plan }”中以下要求的截止时间未能识别：
deadline-unread-item = • { $item }（{ $task }-{ $index }）“{ $text }”
deadline-unread-none = “{ $plan }”所有要求的截止时间都已识别。
deadline-no-requirement = “{ $plan }”中没有找到要求 { $ref }。
deadline-not-read = 仍然无法识别“{ $text }”，请换一种写法，例如 每月10日前、12月底前、七个工作日内。
deadline-set = 已将“{ $plan }”中 { $item } 的截止时间改为“{ $text }”（{ $rule }）。以后重新导入也会保留这一修改。
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
command-score = 评估分值与佐证材料
summary-title = 📊 <b>督办进度汇总</b>（{ $date }）
summary-scope = 范围：{ $scope }
summary-units-header = 各单位最近一期报送（按时 / 逾期 / 未报）：
summary-points = 评估分值：共 { $total } 分，缺少佐证材料的约 { $risk } 分（/score 查看各指标）。
summary-unit = { $unit }：按时 { $onTime }，逾期 { $late }，未报 { $missing }
summary-rest-on-time = 其余 { $count } 个单位全部按时。
summary-rest-nothing-due = 其余 { $count } 个单位最近没有到期的事项。
summary-overdue-header = ❗ 逾期未报（{ $count }）：
summary-overdue = • { $unit } { $item } { $title }，{ $due } 截止，已逾期 { $days } 天
summary-quota-header = ⚠️ 量化目标落后于进度（{ $count }）：
summary-quota = • { $unit } { $item } { $title }：目标 { $target }{ $label }，此时应完成约 { $expected }，实际 { $actual }
summary-ratio-header = ⚠️ 比例目标未达到（{ $count }）：
summary-ratio = • { $unit } { $item } { $title }：目标 { $target }%，最近报送 { $latest }%
summary-due-header = 📅 未来 7 天截止（{ $count }）：
summary-due = • { $unit } { $item } { $title }，{ $due }
summary-more = …另有 { $count } 项
summary-none-overdue = 没有逾期未报的任务。
summary-evidence-missing-header = 📎 已报送但缺少佐证材料（{ $count }）：
summary-evidence-missing = • { $unit } { $item } { $title }：缺 { $evidence }
summary-evidence-missing-unnamed = • { $unit } { $item } { $title }：缺佐证材料
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
circular-ratios = 比例目标未达到（{ $count }）：
circular-ratio = • { $unit } { $item }：目标 { $target }%，最近报送 { $latest }%
circular-ratio-none = • { $unit } { $item }：目标 { $target }%，全年未报送比例
circular-none = 无
circular-button-publish = 📢 发布
circular-button-hold = ⏸ 暂缓
circular-published = ✅ 已发布，已发送给各分管领导；该期报送不再接受修改。
circular-held = ⏸ 已暂缓发布。需要时可点“发布”。
circular-already = 该通报已经发布。
circular-more = …另有 { $count } 条，见“📎 完整名单”
circular-more-units = …另有 { $count } 个单位，见“📎 完整名单”
circular-units-more = { $units } 等，另有 { $count } 个单位见“📎 完整名单”
circular-items-more = { $items } 等共 { $count } 项
circular-button-full = 📎 完整名单（Excel）
circular-full-caption = { $plan } { $month }报送情况通报·完整名单
circular-full-draft-only-admins = 草稿尚未发布，只有管理员可以查看完整名单。
circular-full-not-yours = 只有该计划的管理员和分管领导可以查看完整名单。
circular-file-name = 通报完整名单-{ $month }-{ $plan }
circular-sheet-title = { $plan } { $month }报送情况通报
circular-sheet-count = 共 { $count } 条
circular-sheet-draft = 【草稿，尚未发布】
circular-sheet-on-time = 按时报送
circular-sheet-partly = 部分按时报送
circular-sheet-late = 逾期报送
circular-sheet-missing = 未报送
circular-sheet-quotas = 量化目标落后
circular-sheet-ratios = 比例目标未达到
circular-col-unit = 单位
circular-col-count = 项数
circular-col-items-on-time = 按时报送的项目
circular-col-items-late = 逾期报送的项目
circular-col-items-missing = 未报送的项目
circular-col-item = 项目
circular-col-target = 目标
circular-col-expected = 应完成（约）
circular-col-actual = 实际完成
circular-col-target-percent = 目标（%）
circular-col-latest-percent = 最近报送（%）
circular-col-latest-none = 全年未报送
list-sheet-footer = &L&A&C第 &P 页，共 &N 页
yearly-title = 📅 <b>{ $year } 年报送统计</b>（截至 { $date }）
yearly-unit = { $unit }：按时 { $onTime } 期，逾期 { $late } 期，未报 { $missing } 期
yearly-plan-totals = 共 { $units } 个单位：按时 { $onTime } 期，逾期 { $late } 期，未报 { $missing } 期
yearly-worst = 逾期和未报最多的 { $count } 个单位：
yearly-more = …另有 { $count } 个单位，见“📎 完整统计”
yearly-button-full = 📎 完整统计（Excel）
yearly-full-caption = { $year } 年报送统计（截至 { $date }）·完整统计
yearly-file-name = 年度报送统计-{ $date }
yearly-sheet-name = 年度报送统计
yearly-sheet-title = { $year } 年报送统计
yearly-sheet-subtitle = 截至 { $date }，共 { $count } 个单位
yearly-col-plan = 计划
yearly-col-unit = 单位
yearly-col-on-time = 按时（期）
yearly-col-late = 逾期（期）
yearly-col-missing = 未报（期）
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

# --- lead views by plan ---
summary-plan-heading = 📁 <b>{ $title }</b>（{ $year } 年）
summary-plan-heading-no-year = 📁 <b>{ $title }</b>
scope-export-plans = 每个计划一组工作表（共 { $count } 个计划）：{ $plans }

# --- plan choice (admin commands) ---
plan-choice-label = { $title }（{ $year }）
plan-choice-ask = 现有 { $count } 个进行中的计划，请选择要操作的计划：
plan-choice-ask-paged = 现有 { $count } 个进行中的计划（第 { $page }/{ $pages } 页），请选择要操作的计划：
plan-choice-cancel = 取消
plan-choice-cancelled = 已取消，未作任何更改。
plan-choice-chosen = 计划：{ $plan }
    { $command }
plan-choice-footer = 计划：{ $plan }
plan-choice-not-yours = 只有发出这个命令的管理员可以选择。如需操作，请自己发送命令。
plan-choice-archived = “{ $plan }”已归档，不再进行中。请选择其他计划。
plan-choice-archived-arg = #{ $n }“{ $plan }”已归档。如需操作，请先用 /plans restore { $n } 恢复。
plan-choice-unknown = 没有编号为 #{ $n } 的计划。发送 /plans 查看全部计划及其编号。
plans-state-live = 进行中
plans-state-archived = 已归档
plans-archived-mark = （已归档）
plans-usage = 归档：/plans archive 编号；恢复：/plans restore 编号。
    有多个计划时，/units、/deadline、/policy、/group、/invite 领导、/pack 会让您选择计划；也可以在命令后加 #编号 直接指定，例如 /units #2、/policy #2 before 5,1、/invite 领导 #2。
plans-archive-confirm = 归档 #{ $n }“{ $plan }”？
    归档后不再发送提醒，也不再出现在汇总、通报和各项查看中；报送记录保留，可随时用 /plans restore { $n } 恢复。
plans-restore-confirm = 恢复 #{ $n }“{ $plan }”？
    恢复后提醒照常发送，归档期间仍然有用的提醒会补发。
plans-button-archive = ✅ 确认归档
plans-button-restore = ✅ 确认恢复
plans-button-cancel = 取消
plans-cancelled = 已取消，未作任何更改。
plans-archived = 已归档 #{ $n }“{ $plan }”。不再发送它的提醒；用 /plans restore { $n } 可以恢复。
plans-restored = 已恢复 #{ $n }“{ $plan }”，提醒照常发送。
plans-already-archived = #{ $n }“{ $plan }”已经归档了。
plans-already-live = #{ $n }“{ $plan }”没有归档，无需恢复。
plans-policy-before = before 后面写提前提醒的工作日数（1 到 20，最多 5 个，用逗号分隔），例如 before 3,1。
plans-policy-on-off = { $what } 后面写 on（开）或 off（关）。
plans-policy-hours = hours 后面写工作时间 时:分-时:分，例如 hours 09:00-18:00。
plans-policy-hours-order = 工作时间的开始（{ $start }）须早于结束（{ $end }）。
plans-policy-summary = summary 后面写星期几（1 为周一……7 为周日）和时间 时:分，例如 summary 1 09:00。
plans-policy-day = day 后面写每月的第几日（1 到 28），例如 day 10。
plans-policy-what = 可以修改的有：before、due、overdue、hours、day、summary。
plans-calendar-empty-input = 没有读到任何放假安排（例如 春节：2月15日至23日放假，2月14日、2月28日上班）
plans-calendar-no-name = “{ $text }”前面没有节日名称
plans-calendar-no-dates = “{ $text }”没有给出日期（请写成 1月1日）
plans-calendar-no-kind = “{ $text }”后面没有写明“放假”还是“上班”
plans-calendar-no-month = “{ $text }”没有月份（请写成 2月15日）
plans-calendar-unreadable = 无法读懂“{ $text }”
plans-calendar-impossible-date = 没有“{ $text }”这一天
plans-calendar-outside-year = “{ $text }”不在 { $year } 年内，请用那一年的 /calendar 加载
plans-calendar-backwards-range = “{ $text }”的结束日期早于开始日期
plans-calendar-weekday-mismatch = “{ $text }”的星期与日期不符
plans-calendar-workday-not-weekend = “{ $text }”不是周六或周日，只有周末才能调休上班
plans-calendar-day-count-mismatch = “{ $text }”与前面列出的放假天数不符
plans-calendar-conflict = “{ $text }”出现了两次（重复，或既放假又上班）

# --- import problems ---
# 计划读取器报告的问题（plans/problems.ts）：`problem-代码` 是问题的说法，`problem-where-*` 说明位置。
problem-worded = { $where }：{ $message }
problem-where-sheet = { $file } 工作表“{ $sheet }”
problem-where-details = { $place } { $details }
problem-where-separator = ，
problem-where-row = 第{ $row }行
problem-where-page = 第{ $page }页
problem-where-table = 第{ $table }个表格
problem-where-table-row = 表格第{ $row }行
problem-where-line = 第{ $line }行
problem-where-column = { $column }列
problem-where-item = 第{ $item }项
problem-where-requirement = 第{ $requirement }条要求
problem-no-deadline-column = 未找到截止时间列（如“完成时限”）
problem-no-unit-column = 未找到责任单位列（如“责任处室”“责任单位”）
problem-row-shifted = 该行在 { $column } 列重复了任务号 { $number }，已将该行各格左移一列读取，请核对这项任务
problem-task-number-repeated = 任务号 { $number } 再次出现
problem-not-a-task-number = “{ $text }”不是任务号，该行按上一项任务的内容读取
problem-row-outside-task = 该行不属于任何有编号的任务，未读取
problem-deadline-count-mismatch = 截止时间格中有 { $deadlines } 个截止时间，对应 { $requirements } 条要求，无法一一对应；每条要求都取了整格内容
problem-points-unread = 分值格中是“{ $text }”，不是分数；该任务未记分值
problem-reporting-cycle = 未写截止时间的条目按通知规定的报送周期“{ $cycle }”报送
problem-no-year = 没有找到计划的年度（标题、印发日期和正文中都没有）；没有年份的日期（3月底前、xx年）无法确定：请在导入时选择计划年度
problem-plan-doubtful = { $requirements } 条要求中，只有 { $withUnit } 条写明了责任单位、{ $withDeadline } 条能读出完成时限：导入前请仔细核对预览，这可能不是任务分解表
problem-item-number-repeated = 条目编号（{ $number }）再次出现
problem-unit-name-too-short = 单位栏中的“{ $name }”太短，不是单位名称，已略去
problem-unit-name-too-long = 单位栏中的“{ $name }”超过 { $max } 个字，不是单位名称，已略去
problem-unit-name-is-requirement = 单位栏中的“{ $name }”是要求内容，不是单位名称，已略去
problem-unit-name-is-deadline = 单位栏中的“{ $name }”是截止时间，不是单位名称，已略去
problem-unit-name-is-reference = 责任单位中的“{ $name }”是引用说明，不是单位名称，已略去
problem-unit-name-is-person = 责任单位中的“{ $name }”是人员，不是单位，已略去
problem-unit-name-is-sentence = 责任单位中的“{ $name }”是一句话，不是单位名称，已略去
problem-unit-name-is-fragment = 责任单位中的“{ $name }”是残缺的片段，不是完整的单位名称，已略去
problem-units-open-ended = 责任单位以“{ $text }”结尾：只读取了写明的单位；其他单位请在预览表格（📄）或原文件中补上
problem-unit-prefix-added = “{ $text }”按列表中只写一次的前缀读作“{ $name }”；如有误，请在预览表格（📄）或原文件中改正
problem-units-from-task = “{ $text }”按本项任务其他要求写明的 { $count } 个单位读取；如有误，请在预览表格（📄）或原文件中改正
problem-no-deadline = 未写截止时间
problem-deadline-conditional = 完成时限“{ $text }”只在“{ $condition }”时适用：暂按一直适用读取；条件结束后请用 /deadline 修改
problem-quota-not-per-unit = 目标“{ $source }”是{ $scope ->
    [whole] 全局（全市、全区）合计
    [per-domain] 按领域计
   *[per-district] 按区县（街道）计
  }的，不是每个单位各自的目标：不按单位统计，请人工核对
problem-deadline-unread = 无法识别截止时间“{ $text }”
problem-no-unit = 未写责任单位
problem-no-lead-unit = 未写牵头单位
problem-group-unassigned = “{ $name }”没有说明指哪些单位，导入后由管理员指定
problem-group-empty = 本计划中没有“{ $name }”所指的单位；请补上这些单位后重新导入
problem-unit-alias = “{ $longer }”和“{ $shorter }”可能是同一单位的两种写法；如果是，管理员可在聊天中合并：/units merge { $longer } { $shorter }（保留“{ $shorter }”）
problem-file-too-big = 文件有 { $size } MB，超过了计划文件 { $max } MB 的上限
problem-file-empty = 文件是空的
problem-file-blank = 文件中只有空白
problem-old-format = 不支持旧的 { $type } 格式，请用表格软件（如 WPS 表格）将工作簿另存为 .xlsx 后重新发送
problem-unsupported-type = 不支持 { $type } 文件，请发送 .docx、.pdf、.xlsx、.csv、.tsv 或 .txt 文件
problem-old-document-format = 不支持旧的 { $type } 格式（本机未安装用于转换的办公软件）；请用文字处理软件（如 WPS 文字）打开，另存为 .docx 后重新发送
problem-convert-failed = { $type } 文件无法转换；请用办公软件（如 WPS）打开，另存为 .docx 或 .xlsx 后重新发送
problem-convert-timeout = 转换 { $type } 文件超过 { $max } 秒，已停止；请用办公软件（如 WPS）打开，另存为 .docx 或 .xlsx 后重新发送
problem-not-docx = 不是 .docx 文档（文件已损坏或是其他类型）
problem-docx-protected = 文档设有密码或是旧的 .doc 格式；请取消密码或另存为 .docx 后重新发送
problem-docx-zip-damaged = 文档无法读取（压缩目录已损坏）；请在文字处理软件（如 WPS 文字）中重新保存后发送
problem-docx-unreadable = 文档无法读取（文件已损坏）
problem-docx-too-many-parts = 文档包含超过 { $max } 个部件，远超计划所需；请将计划单独另存为 .docx 后重新发送
problem-docx-too-large-unpacked = 文档解压后超过 { $max } MB，远超计划所需；请将计划单独另存为 .docx 后重新发送
problem-docx-zip-bomb = 文档的部件 { $name } 压缩比超过 { $max } 倍，正常文档不会如此；请在文字处理软件（如 WPS 文字）中重新保存后发送
problem-docx-too-much-text = 文档文字超过 { $max } 个字符（合并单元格按其覆盖的每个单元格计），超过计划的容量；请拆分计划
problem-docx-too-many-cells = 文档表格超过 { $max } 个单元格（合并单元格按其覆盖的每个单元格计），超过计划的容量；请拆分计划
problem-docx-too-complex = 读取该文档超过 { $max } 秒，已停止（文件可能已损坏或结构异常）；请在文字处理软件（如 WPS 文字）中重新保存后发送，或改发 .xlsx 格式的计划
problem-not-pdf = 不是 PDF 文件（文件已损坏或是其他类型）
problem-pdf-protected = PDF 设有密码；请发送无密码的文件，或改发 .docx 或 .xlsx 格式的计划
problem-pdf-unreadable = PDF 无法读取（文件已损坏）；请改发 .docx 或 .xlsx 格式的计划
problem-pdf-no-text = PDF 没有文字层（是扫描件或图片）；请先做 OCR 文字识别，或改发 .docx 或 .xlsx 格式的计划
problem-pdf-too-many-pages = PDF 有 { $pages } 页，超过计划 { $max } 页的上限；请只发送计划所在的页
problem-pdf-too-many-text-items = PDF 的文字片段超过 { $max } 个，远超计划所需；请只发送计划所在的页
problem-pdf-too-complex = 读取该 PDF 超过 { $max } 秒，已停止（文件可能已损坏或结构异常）；请改发 .docx 或 .xlsx 格式的计划
problem-workbook-no-sheet = 工作簿中没有填写了内容的工作表
problem-workbook-protected = 工作簿设有密码或是旧的 .xls 格式；请取消密码或另存为 .xlsx 后重新发送
problem-not-xlsx = 不是 .xlsx 工作簿（文件已损坏或是其他类型的文件）
problem-workbook-unreadable = 无法读取工作簿（文件已损坏）
problem-workbook-zip-damaged = 无法读取工作簿（压缩包目录已损坏）
problem-workbook-too-large-unpacked = 工作簿解压后超过 { $max } MB，远超计划所需；请只保留计划所在的工作表后重新发送
problem-workbook-too-many-elements = 工作簿的 XML 元素超过 { $max } 个，远超计划所需；请只保留计划所在的工作表后重新发送
problem-workbook-too-many-cells = 工作簿的单元格超过 { $max } 个（合并区域和命名区域按其覆盖的每个单元格计），远超计划所需；请检查是否有覆盖整行或整列的合并区域或命名区域
problem-sheet-too-wide = 工作簿各行跨越的单元格超过 { $max } 个（此行延伸到 { $column } 列），远超计划所需；请删除表格右侧的单元格
problem-sheet-too-much-text = 工作表中的文字超过 { $max } 字（合并单元格按其覆盖的每个单元格计），远超计划所需；请拆分计划
problem-too-many-delimited-cells = 单元格超过 { $max } 个，远超计划所需；请删除空行和空列后重新发送
problem-delimited-ragged = 无法读取{ $format ->
        [csv] CSV 文件
       *[table] 表格
    }：超过 { $max } 行的单元格数与第一行不同，请删除空行
problem-delimited-unreadable = 无法读取{ $format ->
        [csv] CSV 文件
       *[table] 表格
    }（格式有误，例如引号没有成对）
problem-no-header = 前 { $rows } 行中没有找到表头行（应有“序号”“工作任务”“任务要求”“完成时限”“责任处室”等列）
problem-too-many-rows = 表头下有 { $rows } 行，超过了计划 { $max } 行的上限；请拆分计划
problem-no-task-rows = 表格有表头行（第{ $header }行），但没有任务行
problem-too-many-lines = 共 { $lines } 行，超过了计划 { $max } 行的上限；请拆分计划
problem-no-items = 没有找到编号条目（应有以“(一)”或“1.”开头的行），也没有表头行
problem-not-a-plan = 这份文件读不出任务计划：{ $requirements } 个编号条目中，写明责任单位的有 { $withUnit } 个，能读出完成时限的有 { $withDeadline } 个。请发送任务分解表或工作方案原文，或含“任务 / 责任单位 / 完成时限”列的表格
problem-too-many-requirements = 计划中的要求超过 { $max } 条，超过了上限；请拆分计划
problem-task-number-twice = 任务号 { $number } 用了两次（{ $first }；{ $second }）；请给每项任务单独编号后重新导入
problem-file-not-found = 文件不存在
problem-file-is-folder = 这是文件夹，不是文件
problem-file-unreadable = 无法读取文件
import-pasted-text = 粘贴的文本

# --- plan end and rollover ---
# /plans end N YYYY-MM-DD | none（bot/features/plans.ts）；/plans 列表中的结束日期与“将于…归档”（db/plan-lifecycle.ts）。
plans-end-usage = 设定计划的最后一天：/plans end 编号 YYYY-MM-DD（例如 /plans end 2 2026-06-30）；取消：/plans end 编号 none。
plans-end-state-ended = 已结束
plans-end-until = 截止 { $date }
plans-rollover-when-done = 已由新计划接替，将于最后的提醒和通报发出后归档
plans-end-details = { $state }（{ $details }）
plans-end-details-separator = ；
plans-end-bad-date = “{ $text }”不是日期。请写成 YYYY-MM-DD，例如 2026-06-30；取消结束日期请写 none。
plans-end-before-year = { $date } 早于计划所属的 { $year } 年，计划将没有任何期次。请写 { $year } 年 1 月 1 日或之后的日期。
plans-end-unchanged = #{ $n }“{ $plan }”的结束日期已经是{ $date ->
        [none] 年底（未单独设定）
       *[other] { $date }
    }，无需更改。
plans-end-confirm = 将 #{ $n }“{ $plan }”的最后一天定为 { $date }？
    此后到期的期次不再提醒，也不再要求报送；已排定的此后的提醒将被跳过。报送记录保留，可随时用 /plans end { $n } none 取消。
plans-end-clear-confirm = 取消 #{ $n }“{ $plan }”的结束日期（现为 { $date }）？
    { $year ->
        [none] 计划将不设结束日期。
       *[other] 计划将照常运行到 { $year } 年 12 月 31 日。
    }
plans-end-button-set = ✅ 确认设定
plans-end-button-clear = ✅ 确认取消
plans-end-set = 已将 #{ $n }“{ $plan }”的最后一天定为 { $date }{ $skipped ->
        [0] 。
       *[other] ，跳过了 { $skipped } 条已排定的此后的提醒。
    }
plans-end-cleared = 已取消 #{ $n }“{ $plan }”的结束日期，计划照常运行{ $year ->
        [none] 。
       *[other] 到 { $year } 年年底。
    }

## /unit：该单位的报送与佐证材料（issue 15）
unit-evidence-heading = <b>{ $unit } 的报送与佐证材料</b>（每项最近一次报送）
unit-evidence-wanted = 要求佐证：{ $wanted }
unit-evidence-not-reported-list = 尚未报送（{ $count } 项）：{ $items }
unit-evidence-latest = 最近报送：{ $period } · { $status } · { $date }{ $late }
unit-evidence-late = （逾期）
unit-evidence-note = 说明：{ $note }
unit-evidence-files = 材料：{ $files }
unit-evidence-no-files = 材料：无
unit-evidence-photo = 照片
unit-evidence-file = 文件
unit-evidence-link = 网址 { $url }
unit-evidence-written = 文字说明“{ $text }”
unit-evidence-pick = 点按钮取回该项的材料文件：
unit-evidence-gone = 材料“{ $name }”已无法取回：Telegram 不再提供这个文件，佐证材料档案中也没有。请联系该单位联络员重新报送。

## /score：评估分值与失分风险（issue 15）
score-no-points = 您能看到的计划都没有分值（评估指标的“分值”）。导入带“分值”列的评估指标表后，这里会显示各指标的佐证材料和失分风险。
score-heading = <b>《{ $plan }》评估分值</b>
    共 { $total } 分，缺少佐证材料的约 { $risk } 分。
    （失分风险按各指标中“要求 × 责任单位”缺少佐证材料的比例计算：每个单位对每项要求的最近一次报送须附有文件、照片、网址或文字说明。）
score-indicator = <b>{ $number } { $title }</b>（{ $points } 分）
score-units = 责任单位：{ $units }
score-wanted = 要求佐证：{ $wanted }
score-received = 已有佐证：{ $received }/{ $pairs } · 失分风险 { $risk } 分
score-lacking = 缺少佐证：{ $lacking }
score-by-unit = <b>按单位：仍缺佐证材料的指标</b>
score-unit = { $unit }：{ $indicators } · 失分风险 { $risk } 分
score-all-proven = 各单位的佐证材料都已齐全。
score-chart-title = 各指标分值与缺佐证风险
score-list-more = { $list }等 { $total } 个单位
score-unit-more = …另有 { $count } 个单位，失分风险合计约 { $risk } 分

## /pack：迎检材料包（issue 15）
command-pack = 迎检材料包（佐证材料打包）
pack-working = 正在生成《{ $plan }》的迎检材料包，完成后发给您……
pack-busy = 正在生成另一个材料包，请等它发出后再发送 /pack。
pack-volumes = 材料包约 { $size } MB，超过 Telegram 单个文件 { $limit } MB 的上限，将分 { $count } 卷发送。每卷都是完整的压缩包，都附有完整的 索引.xlsx，其中“所在分卷”一列写明每个文件在哪一卷。
pack-caption = 《{ $plan }》迎检材料包：{ $files } 个佐证文件，按指标、单位分文件夹；索引.xlsx 列出全部事项和缺失情况。
pack-caption-volume = 《{ $plan }》迎检材料包 第 { $number } 卷（共 { $count } 卷）：本卷 { $files } 个佐证文件。
pack-done = 已发送：共 { $files } 个佐证文件；{ $assignments } 项“事项 × 责任单位”中，{ $missing } 项缺少佐证材料（见 索引.xlsx 的“缺失说明”列）。
pack-files-missing = 有 { $count } 个文件没能打包（尚未存档或档案中找不到），索引.xlsx 中已逐一标明；可请相关联络员用 /edit 重新发送。
pack-damaged = 有 { $count } 个文件内容与存档时的 SHA-256 不符，已打包并在 索引.xlsx 中标为“已损坏”；可请相关联络员用 /edit 重新发送。
pack-file-too-large = 有文件超过 Telegram 单个文件 { $limit } MB 的上限，无法在聊天中发送材料包。
pack-volume-too-large = 生成的分卷有 { $size } MB，超过 Telegram 单个文件 { $limit } MB 的上限，没有发送。请把这个情况告诉系统维护人员。
