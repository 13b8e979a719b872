import { describe, expect, it } from 'vitest';
import { ADMIN, LEAD, LIAISON, LIAISON_EN, STRANGER, startE2E } from '../../support/e2e';

describe('the command menu and /help fit each role', () => {
  it('sets a menu per person and a default one for everyone else', async () => {
    const e2e = await startE2E();
    const menu = (userId: number) => e2e.emulator.commandsShown({ userId, chatId: userId }).map((c) => c.command);
    expect(menu(ADMIN)).toEqual([
      'start',
      'help',
      'summary',
      'overdue',
      'unit',
      'score',
      'yearly',
      'export',
      'import',
      'plans',
      'units',
      'invite',
      'invites',
      'revoke',
      'remove',
      'leads',
      'deadline',
      'policy',
      'calendar',
      'pack',
      'cancel',
      'language',
    ]);
    expect(menu(LIAISON)).toEqual(['start', 'help', 'tasks', 'report', 'edit', 'quota', 'cancel', 'language']);
    expect(menu(LEAD)).toEqual(['start', 'help', 'summary', 'overdue', 'unit', 'score', 'yearly', 'export', 'language']);
    expect(menu(STRANGER)).toEqual(['start', 'help', 'language']);
    expect(e2e.emulator.commandsShown({ userId: STRANGER, chatId: STRANGER, languageCode: 'en' }).map((c) => c.description)).toEqual([
      'Start',
      'Commands you can use',
      'Change language',
    ]);
  });

  it('/help lists the same commands with what they do', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(LIAISON).send('/help')).text).toBe(
      '您可以使用这些命令：\n/start — 开始\n/help — 可用的命令\n/tasks — 本单位的任务和截止日期\n/report — 报送进展\n/edit — 修改上一次报送\n/quota — 量化目标进度\n/cancel — 取消当前操作\n/language — 切换语言',
    );
    expect((await e2e.as(LIAISON_EN).send('/help')).text).toContain("/tasks — Your unit's tasks and deadlines");
  });

  it('/plans is for admins only', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/plans')).text).toMatch(
      /^已导入的计划：\n#1 福州市不动产登记和交易中心2026年社会信用体系建设任务分解表（2026）— 进行中：18 项任务，35 条要求，7 个单位，3 名联络员\n/,
    );
    expect((await e2e.as(LIAISON).send('/plans')).text).toBe('您没有使用这个命令的权限。');
    expect((await e2e.as(STRANGER).send('/plans')).text).toBe('您没有使用这个命令的权限。');
    expect((await e2e.as(LIAISON).send('/nonsense')).text).toBe('没有这个命令。发送 /help 查看您可以使用的命令。');
  });
});
