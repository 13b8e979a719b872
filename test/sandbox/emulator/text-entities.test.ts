import { describe, expect, it } from 'vitest';
import { detectTypedEntities, trimFormattedText } from '../../../sandbox/emulator/text-entities';

describe('detectTypedEntities', () => {
  it('marks a command at the start, with a deep-link payload after it', () => {
    expect(detectTypedEntities('/start INVITE42')).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
  });

  it('includes the bot name of an addressed command and finds commands after spaces', () => {
    expect(detectTypedEntities('/report@duban_bot 3 /help')).toEqual([
      { type: 'bot_command', offset: 0, length: 17 },
      { type: 'bot_command', offset: 20, length: 5 },
    ]);
  });

  it('does not mistake paths or dates for commands', () => {
    expect(detectTypedEntities('see a/b and 2026/3/10')).toEqual([]);
    expect(detectTypedEntities('/usr/bin')).toEqual([]);
  });

  it('marks @mentions but not e-mail addresses', () => {
    expect(detectTypedEntities('请 @wangli 处理, mail x@example.com')).toEqual([{ type: 'mention', offset: 2, length: 7 }]);
  });
});

describe('trimFormattedText', () => {
  it('drops surrounding white space and moves entities with the text', () => {
    // "\n  hello  \n": the bold covers "ello" and the space after it.
    expect(trimFormattedText({ text: '\n  hello  \n', entities: [{ type: 'bold', offset: 4, length: 6 }] })).toEqual({
      text: 'hello',
      entities: [{ type: 'bold', offset: 1, length: 4 }],
    });
  });

  it('drops entities that covered only white space', () => {
    expect(trimFormattedText({ text: ' x ', entities: [{ type: 'bold', offset: 2, length: 1 }] })).toEqual({ text: 'x', entities: [] });
  });

  it('keeps inner white space and full-width spaces', () => {
    expect(trimFormattedText({ text: '\u3000a  b', entities: [] }).text).toBe('\u3000a  b');
  });
});
