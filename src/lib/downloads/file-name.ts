// What a download is called: the words that say what it holds, joined by underscores, so that a folder of them
// can be told apart (义诊统计_农安县_2019-10-01_2019-10-31.xlsx, 名单_刘家屯村义诊_2019-10-15.csv).

/** A file's name from its words; characters no file name may hold (and spaces) become a hyphen. */
export function fileName(words: string[], extension: string): string {
  return `${words.map((word) => word.replace(/[\\/:*?"<>|\s]+/g, '-')).join('_')}.${extension}`;
}
