/** What a liaison says of an item when reporting (报送): 已完成, 进行中, 遇到困难, 本期无进展. */
export const REPORT_STATUSES = ['done', 'in_progress', 'blocked', 'nothing'] as const;

export type ReportStatus = (typeof REPORT_STATUSES)[number];
