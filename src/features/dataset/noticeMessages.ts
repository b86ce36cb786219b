/**
 * What an import says about the whole drop (core/data/importNotices.ts: warnings, why it was blocked), per code, in
 * every language of the studio. English is core's template; each translation is a Record over every code, so a
 * new code without a translation fails the typecheck.
 */
import { IMPORT_NOTICE_EN, type ImportNoticeCode } from '../../core/data/importNotices';

export const importNoticeEn: Record<ImportNoticeCode, string> = IMPORT_NOTICE_EN;

export const importNoticeZhCN: Record<ImportNoticeCode, string> = {
  merged: '文件夹 {{names}} 已合并为类别“{{name}}”（比较名称时不区分大小写和 Unicode 形式）',
  unicodeForms:
    '名为“{{name}}”的文件夹有 {{count}} 种 Unicode 形式（不同系统对字母的组合写法不同），已合并为类别“{{name}}”',
  flattened: '类别“{{name}}”的子文件夹中有图片：它们都已放入类别“{{name}}”',
  emptyClass: '类别“{{name}}”没有图片：训练前请先添加',
  fewImagesOne: '类别“{{name}}”只有 1 张图片：建议每类至少 {{advised}} 张',
  fewImages: '类别“{{name}}”只有 {{count}} 张图片：建议每类至少 {{advised}} 张',
  noClass: '目前还没有类别：训练至少需要 {{min}} 个；请为每个类别建一个文件夹',
  fewClasses: '目前只有 {{count}} 个类别（{{names}}）：训练至少需要 {{min}} 个；请为每个类别建一个文件夹',
  fewClassesUnnamed: '目前只有 {{count}} 个类别：训练至少需要 {{min}} 个；请为每个类别建一个文件夹',
  zipNamesGbk:
    '{{zip}}：文件名既未标记为 UTF-8，也不是有效的 UTF-8；已按 GBK（中文 Windows）读取：请检查类别名称是否正确',
  zipNamesCp437:
    '{{zip}}：文件名既未标记为 UTF-8，也不是有效的 UTF-8；已按 CP437（zip 标准的默认编码）读取：请检查类别名称是否正确',
  animated: '{{file}}：动态 {{format}}：只使用第一帧',
  tooManyImages: '{{count}} 张图片超过每个数据集 {{limit}} 张的上限：请少导入一些，或先删除一些',
  tooManyImagesWith:
    '{{count}} 张图片（含数据集中已有的 {{existing}} 张）超过每个数据集 {{limit}} 张的上限：请少导入一些，或先删除一些',
  tooManyBytes: '图片共 {{bytes}}，超过每个数据集 {{limitBytes}} 的上限：请少导入一些或使用更小的图片',
  tooManyBytesWith:
    '图片共 {{bytes}}（含数据集中已有的 {{existingBytes}}），超过每个数据集 {{limitBytes}} 的上限：请少导入一些或使用更小的图片',
  tooManyClasses: '{{count}} 个类别超过 {{limit}} 个的上限：每个文件夹真的是一个类别吗？',
  alreadyStored: '{{count}} 张图片中有 {{skipped}} 张已在这个数据集中，已跳过',
};
