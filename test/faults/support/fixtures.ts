/**
 * The real inputs the fuzzer starts from, and fragments harvested from them: every mutation
 * is a mutation of something an office actually sent, so it reaches deep into the readers
 * instead of bouncing off the first check.
 */
import { readFileSync } from 'node:fs';
import { FUZHOU_TABLE, fuzhouCsv, fuzhouWorkbook } from '../../../sandbox/demo/fuzhou-workbook';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));

/** The Fuzhou task table as extracted from its PDF: a pasted, tab-separated table. */
export const FUZHOU_TXT = fixture('fuzhou-2020-task-table.txt');
/** The Xiamen work points as copied from a web page: prose with (一)(二) items. */
export const XIAMEN_TXT = fixture('xiamen-2022-work-points.txt');
export const FUZHOU_CSV = fuzhouCsv();

let workbook: Promise<Uint8Array> | null = null;
/** The Fuzhou table as the office keeps it in Excel (built once per test file). */
export function fuzhouXlsx(): Promise<Uint8Array> {
  workbook ??= fuzhouWorkbook().then((buffer) => new Uint8Array(buffer));
  return workbook;
}

const tasks = FUZHOU_TABLE.flatMap((entry) => ('section' in entry ? [] : [entry]));

/** Deadline cells: every form the reader knows, forms it must refuse, and the real table's cells. */
export const DEADLINES: string[] = [
  '每月10日前', '每月 10 日 前', '每月10号前报送', '每月底', '每月末', '每月中旬', '每月二十五日前', '每月32日前',
  '每个双数月15日前', '每个单数月10日前', '双数月末', '每季度', '每季度末', '每季度首月10日前', '每季度结束后10日内',
  '每半年', '每年1月15日前', '每周五', '每周一下班前', '每周周五下班前', '每星期日', '12月底前', '3月底前', '6月30日前',
  '2月29日前', '2月30日前', '13月底前', '2020年8月底前', '2021年底前', 'xx年6月30日前', 'XX年9月底前', '20xx年底',
  '二〇二一年六月底前完成', '２０２１年３月３１日前', '2020-09-15', '2020.9.15', '2020/09/15', '截至2020年11月30日',
  '年底前', '年内', '上半年', '下半年', '年中', '第三季度末', '第五季度', '半年总结', '年度总结', '年度总结12月15日前',
  '七个工作日内', '7个工作日内', '0个工作日内', '20个工作日内', '10日内', '收到通知后5个工作日内完成', '及时完成',
  '长期坚持', '长期推进', '实时更新', '常态化推进', '尽快', '下周', '10日片子', '12月底前3月底前', '12月底前\n3月底前',
  '及时完成 每月 25 日 前', '3月底前、6月底前、9月底前', '12 月底前 完成', '每月10日前;每季度末', '全年',
  ...tasks.flatMap((task) => [task.deadline ?? '', ...task.rows.map((row) => row.deadline ?? '')]).filter(Boolean),
];

/** Requirement texts, with and without counted targets. */
export const REQUIREMENTS: string[] = [
  '全年不少于10例', '全年不少于2次', '全年不少于十二篇', '全年不少于-3例', '至少召开两次社会信用体系建设工作会议。',
  '每月至少在网站发布信用信息1篇', '每季度至少报送1次', '每年至少推送1个典型案例', '信用承诺覆盖率不低于30%',
  '双公示信息公示率达到100%', '不低于150%', '一年内受到行政处罚数量在60次以上', '受到3个及以上部门处罚',
  '每月报送信息。至少召开两次会议', '≥5家', '达3场', '不得少于一万个', '不少于3.5次', '达到一百二十三万四千五百六十七次',
  ...tasks.flatMap((task) => task.rows.map((row) => row.req)).filter(Boolean),
];

/** Responsibility cells: labelled, role-marked, grouped, broken across lines. */
export const RESPONSIBILITIES: string[] = [
  '政策法规处牵头,中心各处室、各分中心、各直属单位配合', '牵头单位:区发改局;配合单位:区财政局',
  '牵头单位:区发改局责任单位:区委办、区政府办', '牵头科室:局办公室', '责任单位:市信用办,市公共信用信息中心',
  '市委编办,市民政局、司法局', '市信用办(牵头),各区政府', '市司法局和市场监管局', '人力资源处牵头、政策法规处配合',
  '政策法规处牵\n头,中心各处室、\n各分中心、各直\n属单位配合', '新建商品房登记 处、测绘技术处、 抵押登记处',
  '市社会信用体系建设工作领导小组各成员单位', '各有关单位', '相关科室单位', '办公室\n政策法规处\n信息管理处',
  '各业务处室、各分中心、各直属单位\n政策法规处', '12月底前', '①政策法规处', '处', '火炬管委会', '金圆集团',
  ...tasks.flatMap((task) => [task.units ?? '', ...task.rows.map((row) => row.units ?? '')]).filter(Boolean),
];

/** Short pieces the text generators glue together: numerals, markers, labels, punctuation. */
export const PIECES: string[] = [
  '一', '二', '十', '百', '千', '万', '两', '〇', '零', '壹', '0', '1', '9', '10', '2020', '.', '.5', '-', '负',
  '每', '月', '日', '号', '前', '底', '末', '年', '季度', '半年', '周', '星期', '个', '工作日', '天', '内', '之内', '后', '起',
  '双数', '单数', '首月', '上旬', '下班', '完成', '报送', '之前', '截至', 'xx', '××', '总结', '及时', '长期',
  '不少于', '至少', '不低于', '达到', '达', '≥', '%', '例', '次', '篇', '人次', '全年', '每月', '按季',
  '牵头', '配合', '负责', '单位', '处', '室', '局', '中心', '各', '有关', '牵头单位:', '责任单位:', '配合单位:', '和', '及',
  '、', ',', ',', ';', ';', '。', ':', ':', '(', ')', '(', ')', '①', '②', '⑳', ' ', '  ', '\t', '\n', '\r\n', '\r',
  '\u3000', '\u00a0', '\u200b', '\ufeff', '\0', '０', '１', 'Ａ', '\ud800', '\udc00', '😀', 'ﬁ', '\u202e',
];
