/**
 * The largest file the importer reads: in a module of its own, so the bot checks a file's size
 * before it loads the readers (exceljs, pdf.js and mammoth take a second to load).
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
