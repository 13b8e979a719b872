/**
 * The lines around a plan's body that are not work: the web page it was copied from, the
 * notice publishing it, the signature, attachment headings, the opening paragraph. Each is
 * named with a reason, so the preview lists them instead of dropping them silently. Pure.
 */
import type { IgnoredReason } from './plan';

const PAGE_FURNITURE =
  /^(?:•|>|\||\{)|发布时间|发布日期|信息来源|来源[:]|扫描二维码|打印本页|关闭窗口|您所在的位置|当前位置|首页\s*>|>\s*\S|浏览次数|字号[:]|分享到|【打印】|^\d{4}-\d{2}-\d{2}(?:\s|$)/;
const NOTICE = /通知$|印发给你们|请认真|请结合实际|遵照执行|此件主动公开|此件公开发布|经.{1,12}同意/;
/** A document number line: 怀建函〔2020〕92号, 厦信用办〔2022〕2号 (extraction may lose the closing bracket). */
const DOCUMENT_NUMBER = /^[^。,]{1,20}[〔[]\d{4}[〕\]]?\d*号?$/;
const ADDRESSEES = /^[^。]{2,60}[:]$/;
const DATE_LINE = /^(?:19|20)\d\d年\d{1,2}月\d{1,2}日$/;
const ATTACHMENT = /^附件\s*\d*\s*[::]?/;
/** A printed page's number at its foot: "- 3 -", "3", "第3页", "第3页 共12页", "3/12". */
export const PAGE_NUMBER =
  /^(?:[-—–－·•\s]*\d{1,4}[-—–－·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
/** The issuing office on a line of its own: short, no sentence. */
const OFFICE_LINE = /^[^。;；,，:：]{2,40}$/;

/**
 * Why a line outside the plan's items is left out. `isTitle` for the plan's own title line;
 * `afterBody` for a line below the plan's body (a table's last row), where a short line is the
 * issuing office signing, not a preamble.
 */
export function frontMatterReason(line: string, isTitle: boolean, afterBody = false): IgnoredReason {
  if (isTitle) return 'heading';
  if (PAGE_NUMBER.test(line)) return 'page-number';
  if (!/[\u3400-\u9fff]/.test(line) || PAGE_FURNITURE.test(line)) return 'page-furniture';
  if (ATTACHMENT.test(line)) return 'attachment-heading';
  if (DATE_LINE.test(line)) return 'signature';
  if (NOTICE.test(line) || DOCUMENT_NUMBER.test(line) || ADDRESSEES.test(line)) return 'notice';
  if (afterBody) return OFFICE_LINE.test(line) ? 'signature' : 'closing';
  return 'preamble';
}

/**
 * The year the notice was issued: its signature date (2020年8月17日 on a line of its own),
 * else the page's publication date (发布时间:2020-08-18). Null when neither is there.
 */
export function issueYear(lines: string[]): number | null {
  for (const line of lines) {
    const date = line.match(DATE_LINE) && line.match(/^((?:19|20)\d\d)年/);
    if (date) return Number(date[1]);
  }
  for (const line of lines) {
    const published = line.match(/(?:发布时间|发布日期|成文日期)[:]?\s*((?:19|20)\d\d)[-年./]/);
    if (published) return Number(published[1]);
  }
  return null;
}

/**
 * The year most written in the body (2020年年底前, 2020年度工作任务), for a plan whose title
 * and notice give none. A span (2015-2020年) names a period, not the plan's year.
 */
export function bodyYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const match of text.matchAll(/(?<![\d-])((?:19|20)\d\d)(?=年)/g)) {
    const year = Number(match[1]);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, count] of counts) if (best === null || count > counts.get(best)!) best = year;
  return best;
}
