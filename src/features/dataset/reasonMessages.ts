/**
 * Why a file was not imported, per reason code (core/data/importReasons.ts), in every language of the studio.
 * English is core's own template (the command line prints the same sentence); each translation is a
 * Record over every code, so a new code without a translation fails the typecheck.
 */
import { IMPORT_REASON_EN, type ImportReasonCode } from '../../core/data/importReasons';

export const importReasonEn: Record<ImportReasonCode, string> = IMPORT_REASON_EN;

export const importReasonZhCN: Record<ImportReasonCode, string> = {
  unsafePath: '路径不安全（绝对路径或含有“..”）：已跳过',
  zipSlip: '路径不安全（绝对路径或含有“..”），属于“zip slip”：已跳过',
  listedTwice: '重复出现：只导入一次',
  listedTwiceInZip: '在 zip 中重复出现：只导入一次',
  notImage: '不是图片（.{{ext}}）：只导入 JPEG、PNG、GIF、WebP、BMP 和 AVIF 文件',
  noExtension: '不是图片（没有文件扩展名）：只导入 JPEG、PNG、GIF、WebP、BMP 和 AVIF 文件',
  heic: '浏览器不支持 HEIC：请转换为 JPEG',
  svg: '不支持 SVG：请导出为 PNG',
  tiff: '浏览器不支持 TIFF：请转换为 PNG 或 JPEG',
  html: '是网页（HTML），不是图片：请保存图片本身',
  text: '是文本文件，不是图片',
  pdf: '是 PDF 文档，不是图片：请把页面导出为 PNG',
  video: '是视频，不是图片：请把帧导出为 JPEG 或 PNG',
  zipArchive: '是 zip 压缩包，不是图片：请单独拖入这个 zip，以导入其中的图片',
  unknownFormat: '不是可识别的图片（应为 JPEG、PNG、GIF、WebP、BMP 或 AVIF）',
  emptyFile: '是空文件（0 字节）',
  tooLarge: '大小为 {{bytes}}，超过每张图片 {{limitBytes}} 的上限',
  notInClassFolder: '不在类别文件夹中：请放进以类别命名的文件夹，或拖到某个类别上',
  zipTooManyEntries: '条目超过 {{limit}} 个，超出上限：请拆分成较小的 zip',
  zipInvalid: '不是有效的 zip 压缩包（可能不完整或已损坏）：请重新打包或重新下载',
  zipBomb: '疑似 zip 炸弹：{{entry}} 会膨胀 {{ratio}} 倍（{{compressedBytes}} → {{bytes}}）；没有导入任何内容',
  zipInZip: 'zip 中的 zip：请先解压',
  archiveInZip: 'zip 中的压缩包：请先解压',
  encrypted: '有密码保护：请用密码解压后再导入图片',
  compression: '使用了不支持的压缩方式（{{method}}）：请用标准（Deflate）压缩重新打包',
  zipTooBig: '解压后图片共 {{bytes}}，超过 {{limitBytes}} 的上限：请拆分成较小的 zip',
  corruptEntry: '在 zip 中已损坏（无法解压）：已跳过',
  zipCorrupt: '已损坏：太多条目无法解压；请重新打包或重新下载',
  readFailed: '无法读取（{{detail}}）',
  folderReadFailed: '无法读取文件夹（{{detail}}）',
  headerUnreadable: '已损坏：无法读取其 {{format}} 文件头',
  pngNoData: '已损坏：PNG 中没有图像数据（IDAT）',
  pngTruncated: '不完整或已损坏：PNG 在结束标记（IEND）之前就结束了；请重新下载或重新导出',
  jpegBroken: '已损坏：JPEG 结构有误',
  jpegTruncated: '不完整或已损坏：JPEG 在结束标记（EOI）之前就结束了；请重新下载或重新保存',
  gifBroken: '已损坏：GIF 在第一帧之前结构有误',
  gifTruncated: '不完整或已损坏：GIF 在第一帧中间就结束了',
  webpTruncated: '不完整：WebP 文件比其文件头所写的短',
  bmpTruncated: '不完整：BMP 文件比其文件头所写的短',
  zeroSize: '已损坏：其 {{format}} 文件头给出的尺寸为 {{width}}×{{height}} 像素',
  tooManyPixels:
    '文件头声明 {{width}}×{{height}} = {{megapixels}} 百万像素，超过 {{limitMegapixels}} 百万像素的上限：请先缩小',
  decodeFailed: '无法按 {{format}} 解码（{{detail}}）：可能已损坏，或使用了本浏览器不支持的变体',
  other: '{{message}}',
};
