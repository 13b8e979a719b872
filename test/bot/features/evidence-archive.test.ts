/**
 * The evidence archive (issue 15): files a liaison sends with a report are downloaded at once
 * and kept by their sha256, the same file once; a download that fails leaves the report saved,
 * tells the liaison, and is tried again by the scheduler until it is kept.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { startE2E } from '../../support/e2e';
import { askForEvidence, reportWith } from '../../support/report-flow';
import { eq } from 'drizzle-orm';
import { evidence, reports, requirements, storedFiles, tasks } from '../../../db/schema';
import { requirementId } from '../../support/db';
import { PLAN_ZONE } from '../../../plans/due-dates';

const OFFICE = 2003; // 张伟, liaison of 办公室
const MONDAY = DateTime.fromISO('2026-03-02T10:00', { zone: PLAN_ZONE }).toJSDate();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the evidence archive', () => {
  it('keeps the bytes of a PDF and a photo by their sha256 at once, and the same file sent again once', async () => {
    const e2e = await startE2E({ now: MONDAY });
    const me = e2e.as(OFFICE);
    const pdf = new TextEncoder().encode('%PDF-1.4 会议纪要 2026-03');
    // A 1×1 PNG: the emulator, as Telegram, takes only real images as photos.
    const photo = new Uint8Array(
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
    );
    const said = await reportWith(e2e, me, '10①', [{ document: ['会议纪要.pdf', pdf] }, { photo }]);
    expect(said.map((m) => m.text)).toEqual(['✅ 已报送：10① 查询应用信用信息（办公室），2026年3月。']);

    const rows = e2e.db.select().from(evidence).all();
    expect(rows.map((r) => [r.kind, r.fileName, r.sha256])).toEqual([
      ['document', '会议纪要.pdf', sha256(pdf)],
      ['photo', null, expect.stringMatching(/^[0-9a-f]{64}$/) as string],
    ]);
    // The bytes on disk are the bytes sent (the photo as Telegram keeps its largest size).
    expect(new Uint8Array(readFileSync(e2e.files.pathOf(sha256(pdf))))).toEqual(pdf);
    expect(sha256(readFileSync(e2e.files.pathOf(rows[1]!.sha256!)))).toBe(rows[1]!.sha256);
    expect(rows.every((r) => r.addedBy !== null && r.archiveAttempts === 0)).toBe(true);

    // The same PDF for another item: a second evidence row, the file stored once.
    await reportWith(e2e, me, '11①', [{ document: ['会议纪要（副本）.pdf', pdf] }]);
    expect(
      e2e.db
        .select()
        .from(evidence)
        .all()
        .map((r) => r.sha256),
    ).toEqual([sha256(pdf), rows[1]!.sha256, sha256(pdf)]);
    expect(
      e2e.db
        .select()
        .from(storedFiles)
        .all()
        .map((f) => [f.sha256, f.size])
        .sort(),
    ).toEqual(
      [
        [sha256(pdf), pdf.byteLength],
        [rows[1]!.sha256, readFileSync(e2e.files.pathOf(rows[1]!.sha256!)).byteLength],
      ].sort(),
    );
    expect([...e2e.files.hashes()].sort()).toEqual([sha256(pdf), rows[1]!.sha256].sort());
    expect(e2e.errors).toEqual([]);
  });

  it('a download that fails: the report is saved, the liaison is told, and the scheduler keeps it once Telegram answers', async () => {
    // The bot's retries of a 502 wait on the test's clock, not on real time.
    const e2e = await startE2E({ now: MONDAY, shareClock: true });
    const me = e2e.as(OFFICE);
    const pdf = new TextEncoder().encode('%PDF-1.4 平台截图');
    const outage = e2e.emulator.faults.serverErrors({ method: 'getFile', count: 1000, status: 502 });
    const said = await reportWith(e2e, me, '10①', [{ document: ['平台截图.pdf', pdf] }]);
    expect(said.map((m) => m.text)).toEqual([
      '✅ 已报送：10① 查询应用信用信息（办公室），2026年3月。',
      '报告已保存，但平台截图.pdf暂时没能存入佐证材料档案，系统会自动重试。为稳妥起见，也可以用 /edit 再发送一次这份材料。',
    ]);
    expect(e2e.db.select({ status: reports.status }).from(reports).all()).toEqual([{ status: 'done' }]);
    const [pending] = e2e.db.select().from(evidence).all();
    expect(pending).toMatchObject({ fileName: '平台截图.pdf', sha256: null, archiveAttempts: 1 });
    expect(pending!.archiveError).toMatch(/502/);

    // Still failing at the next tick: counted again, nothing lost.
    await e2e.scheduler().tick();
    expect(e2e.db.select({ attempts: evidence.archiveAttempts, sha256: evidence.sha256 }).from(evidence).get()).toEqual({
      attempts: 2,
      sha256: null,
    });

    outage.clear();
    await e2e.scheduler().tick();
    expect(e2e.db.select({ sha256: evidence.sha256, error: evidence.archiveError }).from(evidence).get()).toEqual({
      sha256: sha256(pdf),
      error: null,
    });
    expect(new Uint8Array(readFileSync(e2e.files.pathOf(sha256(pdf))))).toEqual(pdf);
  });
});

describe('asking for the right proof', () => {
  it('names the evidence the plan asks for, and takes a link and a written note as evidence, each once', async () => {
    const e2e = await startE2E({ now: MONDAY });
    e2e.db
      .update(requirements)
      .set({ evidence: '会议纪要、活动照片' })
      .where(eq(requirements.id, requirementId(e2e.db, '10', 1)))
      .run();
    const me = e2e.as(OFFICE);
    expect((await askForEvidence(me, '10①', { note: '已召开推进会。', count: '2' })).text).toBe(
      '本项要求的佐证材料：会议纪要、活动照片\n请上传（照片、文件，或网址、文字说明，最多 10 份），发完点“完成”；没有就点“跳过”。',
    );
    expect((await me.send('https://www.creditchina.gov.cn/gs/2026/03')).text).toBe('已收到第 1 份佐证材料。继续发送，或点“完成”。');
    const second = await me.send('会议纪要已报市信用办，<原件>存档。');
    expect(second.text).toBe('已收到第 2 份佐证材料。继续发送，或点“完成”。');
    // The same link again is the same evidence: nothing added, nothing said.
    e2e.emulator.sendText(OFFICE, 'https://www.creditchina.gov.cn/gs/2026/03');
    await e2e.settled();
    expect(me.transcript().at(-1)!.from.kind).toBe('user');
    const confirm = await me.pressForReply(second, '完成');
    expect(confirm.text).toMatch(/佐证材料：2 份$/);
    await me.pressForReply(confirm, '✅ 提交');
    await e2e.settled();
    expect(
      e2e.db.select({ kind: evidence.kind, text: evidence.text, fileId: evidence.fileId, sha256: evidence.sha256 }).from(evidence).all(),
    ).toEqual([
      { kind: 'link', text: 'https://www.creditchina.gov.cn/gs/2026/03', fileId: null, sha256: null },
      { kind: 'note', text: '会议纪要已报市信用办，<原件>存档。', fileId: null, sha256: null },
    ]);
    // Nothing to download: the archive's chore leaves them be.
    await e2e.scheduler().tick();
    expect(e2e.db.select({ attempts: evidence.archiveAttempts }).from(evidence).all()).toEqual([{ attempts: 0 }, { attempts: 0 }]);
    expect(e2e.errors).toEqual([]);
  });

  it('says before the report is sent that the proof the plan names is missing, and not once there is some', async () => {
    const e2e = await startE2E({ now: MONDAY });
    e2e.db
      .update(requirements)
      .set({ evidence: '会议纪要<正式>' })
      .where(eq(requirements.id, requirementId(e2e.db, '10', 1)))
      .run();
    const me = e2e.as(OFFICE);
    const evidenceAsk = await askForEvidence(me, '10①', { note: '已召开推进会。', count: '2' });
    const confirm = await me.pressForReply(evidenceAsk, '跳过');
    expect(confirm.text).toMatch(/佐证材料：0 份\n⚠️ 本项要求佐证材料（会议纪要<正式>），这次没有附上。可以先提交，之后用 \/edit 补充/);
    // The plan's words are escaped in the HTML message: the text shown is the words themselves.
    expect(confirm.entities?.some((e) => e.type === 'bold') ?? false).toBe(false);

    await me.pressForReply(confirm, '取消');
    await askForEvidence(me, '10①', { note: '已召开推进会。', count: '2' });
    const withLink = await me.send('https://www.creditchina.gov.cn/gs/2026/03');
    const confirmed = await me.pressForReply(withLink, '完成');
    expect(confirmed.text).toMatch(/佐证材料：1 份$/);
    expect(e2e.errors).toEqual([]);
  });

  it("says so too for an assessment indicator with points and no proof named, in the asker's numbers", async () => {
    const e2e = await startE2E({ now: MONDAY });
    e2e.db.update(tasks).set({ points: 7.5 }).where(eq(tasks.number, '10')).run();
    const me = e2e.as(OFFICE);
    const confirm = await me.pressForReply(await askForEvidence(me, '10①', { note: '已召开推进会。', count: '2' }), '跳过');
    expect(confirm.text).toMatch(/佐证材料：0 份\n⚠️ 本项是评估指标（7\.5 分），评估时看佐证材料，这次没有附上。/);
    expect(e2e.errors).toEqual([]);
  });
});
