/**
 * Holiday names in Chinese and English.
 *
 * The package writes some names short (清明, 端午, 中秋) where the State Council's notices
 * write 清明节, 端午节, 中秋节; both sources are brought to the notices' spelling so one
 * holiday has one name whichever source answered. An admin's override names holidays in
 * Chinese only; the English comes from this table.
 */
import type { HolidayName } from './types';

/** The official Chinese name → English, as the `chinese-days` package translates them. */
const ENGLISH_BY_CHINESE: Readonly<Record<string, string>> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Tomb-sweeping Day',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-autumn Festival',
  国庆节: 'National Day',
};

/** Short forms → the notices' spelling. */
const OFFICIAL_SPELLING: Readonly<Record<string, string>> = {
  清明: '清明节',
  端午: '端午节',
  中秋: '中秋节',
  五一: '劳动节',
  十一: '国庆节',
};

function officialSpelling(zh: string): string {
  return OFFICIAL_SPELLING[zh] ?? zh;
}

/** A name from the package, which gives both languages (`National Day,国庆节`). */
export function nameFromPackage(en: string, zh: string): HolidayName {
  return { zh: officialSpelling(zh.trim()), en: en.trim() };
}

/**
 * A name an admin wrote, possibly several holidays in one (国庆节、中秋节): each part is
 * translated where known and kept in Chinese where not, so English is never empty.
 */
export function nameFromChinese(zh: string): HolidayName {
  const parts = zh
    .split(/[、,，/]/)
    .map((part) => officialSpelling(part.trim()))
    .filter((part) => part !== '');
  if (parts.length === 0) return { zh, en: zh };
  return { zh: parts.join('、'), en: parts.map((part) => ENGLISH_BY_CHINESE[part] ?? part).join(', ') };
}
