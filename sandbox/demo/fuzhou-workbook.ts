/**
 * The Fuzhou 2020 task decomposition table (test/fixtures/fuzhou-2020-task-table.txt, as
 * extracted from its PDF) written back the way the office keeps it in a spreadsheet: title
 * rows above the header, section rows merged across the table, a task's number, title and
 * content merged down its rows, multi-line cells holding one value per requirement.
 * Task 18 keeps the PDF's unreadable deadline (10日片子) so problems are exercised too.
 */
import ExcelJS from 'exceljs';

interface Row {
  req: string;
  deadline?: string;
  units?: string;
  /** A content cell of its own, for tasks whose content differs by row (9, 18). */
  content?: string;
}

interface Task {
  number: string;
  title: string;
  /** Merged down all the task's rows, unless rows carry their own content. */
  content?: string;
  rows: Row[];
  /** Deadline / units cells merged down all rows, instead of one per row. */
  deadline?: string;
  units?: string;
}

type Entry = { section: string } | Task;

const ALL = '中心各处室、各分中心、各直属单位';
const POLICY_LEADS = `政策法规处牵头,${ALL}配合`;

export const FUZHOU_TABLE: Entry[] = [
  { section: '一、完善工作机制' },
  {
    number: '1',
    title: '部署社会信用体系建设工作',
    content: '组织召开社会信用体系建设工作会议,落实2020年工作任务、制定工作方案。',
    rows: [
      {
        req: '①至少召开两次社会信用体系建设工作会议。\n②制定2020年社会信用体系建设工作方案。',
        deadline: '12月底前\n3月底前',
        units: POLICY_LEADS,
      },
    ],
  },
  {
    number: '2',
    title: '落实组织机构',
    content:
      '充分发挥我中心社会信用体系建设工作领导小组的力量,积极组织、协调中心各项社会信用体系建设工作。联络员对接市信用办,积极发挥协调作用。',
    rows: [
      {
        req: '①明确本单位社会信用体系建设工作分管领导、责任处室及联络员。\n②联络员积极发挥协调作用并推动完成各项工作任务。',
        deadline: '及时完成',
        units: '政策法规处',
      },
    ],
  },
  {
    number: '3',
    title: '完成日常工作',
    content: '按要求参加全市社会信用体系建设工作会议及专业知识培训。及时出台信用配套文件,部署实施相关重点任务。',
    deadline: '及时完成',
    units: POLICY_LEADS,
    rows: [
      {
        req: '①按要求参加全市社会信用体系建设工作会议及专业知识培训。\n②按要求及时出台配套文件,部署实施相关重点任务。\n③按要求及时反馈信用文件意见。\n④要求按照《信用工作动态任务分配表》(附件二),各处室本年度必须完成定量的信用动态。每月10日前汇总政策法规处。',
      },
      { req: '⑤按要求报送社会信用体系建设工作半年总结及年度总结。' },
    ],
  },
  {
    number: '4',
    title: '落实月报制度',
    content: '要求各责任处室及分中心在推进相关工作时,按月汇报进展。',
    rows: [
      {
        req: '按照《2020年社会信用体系建设任务分解表》,定时报送工作进度。由政策法规处汇总,并向中心发文通报,逾期报送视为工作未完成。',
        deadline: '每月 10 日 前',
        units: POLICY_LEADS,
      },
    ],
  },
  { section: '二、公共信用信息共建共享' },
  {
    number: '5',
    title: '建立信用目录并制定信用信息归集制度',
    content: '明确信用信息范围和内容。制定本单位信用信息目录,并持续更新。',
    deadline: '及时完成',
    units: '信息管理处',
    rows: [{ req: '①建立本单位信用信息归集工作机制。' }, { req: '②制定本部门信用信息目录并持续更新。' }],
  },
  {
    number: '6',
    title: '保障信用信息的规范性及时效性',
    content: '按照《福州市公共信用信息目录》要求,每月及时向福州市公共信用信息共享服务平台提供规范、完整的信用信息。',
    rows: [
      {
        req: '①定期检查公共信用信息平台上填报数据(包含行政许可信息、抽查检查信息)的规范性。如发现有误,及时联系市数字办对错误数据进行核查、修正。',
        deadline: '每月 10 日 前',
        units: '新建商品房登记处牵头,信息管理处配合',
      },
      {
        req: '②定期检查公共信用信息平台上填报数据(包含行政许可信息、抽查检查信息)的完整性。如发现数据未及时更新,及时联系市数字办进行核查、修正。',
        deadline: '每月10日前',
        units: '新建商品房登记处牵头,信息管理处配合',
      },
    ],
  },
  { section: '三、双公示工作' },
  {
    number: '7',
    title: '制定双公示目录',
    content: '根据权责清单、通用目录,制定本单位双公示目录。',
    rows: [
      {
        req: '制定本单位双公示目录,并根据权责范围、法律依据及相关政策的调整,及时更新双公示目录。',
        deadline: '及时完成',
        units: '政策法规处',
      },
    ],
  },
  {
    number: '8',
    title: '制作双公示台账',
    rows: [{ req: '根据双公示目录及数据信息,按月制作双公示台账并反馈政策法规处。', deadline: '每月10日前', units: '新建商品房登记处' }],
  },
  {
    number: '9',
    title: '保障双公示信息的规范性、完整性及时效性',
    rows: [
      {
        content: '根据双公示的要求,在公共信用信息共享服务平台上及时提供完整、规范的双公示信息。',
        req: '①将本单位2016年以来存量双公示信息,在本单位门户网站以及福州市公共信用信息平台公示。\n②如有增量信息,在七个工作日内按要求及时填报福州市公共信用信息平台。\n③提供的数据符合国家发改委双公示信息规范性要求(参照《福建省双公示信息归集规范v2.5》)。',
        deadline: '每月 10 日 前',
        units: '新建商品房登记处牵头,信息管理处配合',
      },
      {
        content: '定期检查"信用福州"网站上的双公示信息的规范性、完整性和时效性。',
        req: '①检查"信用福州"网站上的双公示信息的规范性。如发现数据未及时更新,及时联系市数字办进行核查、修正。',
        deadline: '每月 10 日',
        units: '新建商品房登记处牵头,信息管理处配合',
      },
      {
        req: '②检查"信用福州"网站上的双公示信息的完整性,如发现数据未及时更新,及时联系市数字办进行核查、修正。',
        deadline: '每月 10 日 前',
        units: '新建商品房登记处牵头,信息管理处配合',
      },
    ],
  },
  { section: '四、强化信用信息应用' },
  {
    number: '10',
    title: '查询应用信用信息',
    content:
      '根据《关于在行政管理事项中使用信用记录和信用报告的通知》要求,在行政许可、政府采购、招标投标、人事聘用、资质审核、评先评优、干部选拔任用和管理监督等行政管理事项中,查询公共信用信息平台中的信用记录。并将信用主体的信用记录作为重要参考。',
    units: '办公室',
    rows: [
      {
        req: '①按月将在政府采购、招标投标、资质审核过程中,查询公共信用信息平台中的信用记录的案例反馈政策法规处。全年不少于10例。',
        deadline: '每月 10 日 前',
      },
      {
        req: '②按月将在人事聘用、评先评优、干部选拔任用过程中,查询公共信用信息平台中的信用记录的案例,并反馈政策法规处。',
        deadline: '每月 10 日前',
      },
    ],
  },
  {
    number: '11',
    title: '信用服务市场培育发展',
    content: '在政府采购、招标投标过程中,使用第三方信用服务产品,作为参考依据。',
    rows: [
      {
        req: '按月将使用第三方信用服务产品的案例反馈政策法规处,全年不少于6例(优先选择市信用办入库的第三方信用服务机构,名单详见榕发改信用[2019]19号文)。',
        deadline: '每月10日前',
        units: '办公室',
      },
    ],
  },
  { section: '五、落实信用承诺制度' },
  {
    number: '12',
    title: '建立健全信用承诺制度',
    content: '市场主体在办理行政事项、申请容缺受理时以规范格式做出公开承诺,并将信用承诺作为事中事后监管和事前约束机制。',
    rows: [{ req: '根据榕发改信用[2018]44号文件要求,进一步建立健全信用承诺制度。', deadline: '3月底前', units: '政策法规处' }],
  },
  {
    number: '13',
    title: '行政事项类承诺公示',
    content:
      '组织在本单位办理业务的房地产企业、测绘单位、中介公司及金融机构签订《信用承诺书》,及时将信用承诺在"信用福州"网站"信用承诺公示"栏目公示。',
    rows: [
      {
        req: '每月汇总、整理各市场主体签订的信用承诺书,将信用承诺在"信用福州"网站"信用承诺公示"栏目公示。',
        deadline: '每月 20 日前',
        units: '新建商品房登记处、测绘技术处、\n抵押登记处',
      },
    ],
  },
  {
    number: '14',
    title: '容缺受理类承诺公示',
    content: '将市场主体在"容缺受理"过程中做出的承诺及时公示在信用门户网站"信用承诺公示"栏目公示。',
    rows: [
      {
        req: '每月汇总、整理各市场主体签订的信用承诺书,将信用承诺在"信用福州"网站"信用承诺公示"栏目公示。',
        deadline: '每月 20 日 前',
        units: '各业务处室、各分中心、各直属单位',
      },
    ],
  },
  { section: '六、实施信用联合奖惩' },
  {
    number: '15',
    title: '系统对接与数据维护',
    content: '对接市联合奖惩系统与本单位业务系统,定期维护系统,保障数据的及时性及完整性。',
    rows: [
      {
        req: '定期维护系统,保障本单位联合奖惩系统后台数据,与系统对接至南康系统的数据一致、完整、准确,并于每月10日前反馈政策法规处。',
        deadline: '及时完成',
        units: '信息管理处',
      },
    ],
  },
  {
    number: '16',
    title: '实施联合奖惩措施',
    content: '根据联合奖惩备忘录及时对红黑名单主体实行联合奖惩,每月将联合奖惩案例反馈至市信用办。',
    rows: [
      {
        req: '①在办理业务过程中,根据各牵头单位联合奖惩备忘录的要求,及时对涉及红黑名单的主体实施联合奖惩。每月10日前,将开展联合奖惩工作情况反馈政策法规处。\n②按要求向市信用办反馈联合惩戒案例,填报联合奖惩系统。',
        deadline: '及时完成\n每月 25 日 前',
        units: '各业务处室、各分中心、各直属单位\n政策法规处',
      },
    ],
  },
  {
    number: '17',
    title: '实施"茉莉分"应用的相关执行措施',
    content: '根据《福州市不动产登记和交易中心关于实施"茉莉分"应用的通知》开展"茉莉分"信用激励工作。',
    units: ALL,
    rows: [
      { req: '①按要求开展"茉莉分"信用激励工作。', deadline: '及时完成' },
      { req: '②按要求填报《关于实施"茉莉分"应用情况表》(附件三),并于每月10日前将执行情况汇总至政策法规处。', deadline: '每月 10 日 前' },
    ],
  },
  { section: '七、开展宣传工作' },
  {
    number: '18',
    title: '诚信宣传活动',
    units: '人力资源处牵头,政策法规处配合',
    rows: [
      { content: '在干部任免、职工培训中加强诚信培训教育。', req: '', deadline: '12 月底前 完成' },
      {
        content:
          '配合中央、省委、市委最新诚信信用主题开展诚信宣传教育活动,树立诚信典型:组织诚信社区现场宣传活动;通过媒体进行信用主题宣传活动;配合开展好福州市信用宣传等活动。',
        req: '①通过市级以上媒体进行诚信宣传,全年不少于2次。',
        deadline: '10 日片子',
      },
      { req: '②组织诚信现场宣传活动,全年不少于2次。', deadline: '12月底前' },
    ],
  },
];

export const FUZHOU_TITLE = '福州市不动产登记和交易中心2020年社会信用体系建设任务分解表';
const HEADER = ['序号', '工作任务', '任务内容', '任务要求', '完成时限', '责任处室'];

/** The table as rows of six cells, with the merges an office would make (1-based, inclusive). */
export function fuzhouLayout(): { rows: string[][]; merges: [number, number, number, number][] } {
  const rows: string[][] = [['附件2', '', '', '', '', ''], [FUZHOU_TITLE, '', '', '', '', ''], HEADER];
  const merges: [number, number, number, number][] = [[2, 1, 2, 6]];
  for (const entry of FUZHOU_TABLE) {
    if ('section' in entry) {
      const [numeral, heading] = entry.section.split('、') as [string, string];
      rows.push([numeral, heading, '', '', '', '']);
      merges.push([rows.length, 2, rows.length, 6]);
      continue;
    }
    const first = rows.length + 1;
    const last = first + entry.rows.length - 1;
    entry.rows.forEach((row, i) => {
      rows.push([
        i === 0 ? entry.number : '',
        i === 0 ? entry.title : '',
        row.content ?? (i === 0 ? (entry.content ?? '') : ''),
        row.req,
        entry.deadline !== undefined ? (i === 0 ? entry.deadline : '') : (row.deadline ?? ''),
        entry.units !== undefined ? (i === 0 ? entry.units : '') : (row.units ?? ''),
      ]);
    });
    if (last > first) {
      merges.push([first, 1, last, 1], [first, 2, last, 2]);
      if (entry.content !== undefined) merges.push([first, 3, last, 3]);
      if (entry.deadline !== undefined) merges.push([first, 5, last, 5]);
      if (entry.units !== undefined) merges.push([first, 6, last, 6]);
      // Task 9's first content spans its first requirement row only; its second spans the last two.
      if (entry.number === '9') merges.push([first + 1, 3, last, 3]);
      if (entry.number === '18') merges.push([first + 1, 3, last, 3]);
    }
  }
  return { rows, merges };
}

/** The workbook as an office keeps it: styled header, wrapped multi-line cells, merges. */
export async function fuzhouWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分解表');
  const { rows, merges } = fuzhouLayout();
  rows.forEach((values, i) => {
    const row = sheet.addRow(values.map((v) => (/^\d+$/.test(v) && i > 2 ? Number(v) : v)));
    row.alignment = { wrapText: true, vertical: 'middle' };
  });
  // A title in rich text, as Excel stores a cell with mixed fonts.
  sheet.getCell('A2').value = {
    richText: [{ text: '福州市不动产登记和交易中心' }, { font: { bold: true }, text: '2020年社会信用体系建设任务分解表' }],
  };
  for (const [r1, c1, r2, c2] of merges) sheet.mergeCells(r1, c1, r2, c2);
  sheet.getRow(3).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = [6, 16, 30, 40, 12, 18][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same table as CSV the way it comes out of a merged sheet: each value once, in the first row of its range. */
export function fuzhouCsv(): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return fuzhouLayout()
    .rows.map((row) => row.map(quote).join(','))
    .join('\r\n');
}
