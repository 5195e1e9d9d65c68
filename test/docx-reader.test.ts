/**
 * The DOCX body reader (src/extractors/docx/body.ts): paragraphs, heading levels, lists, notes,
 * text boxes, fields, content controls and tracked changes, on documents written here by script.
 *
 * Where mammoth.js (the reader before 2026-12) read a construct, the expected text is what it gave
 * (checked against its output when the reader was replaced); the tests marked "beyond mammoth.js"
 * are what it lost or failed on.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../src/extractors/docx.js';
import { scanXml } from '../src/extractors/docx/xml-scan.js';
import type { DocumentModel, ExtractResult } from '../src/model.js';


const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
function handDocx(bodyXml: string, extra: Record<string, string> = {}, docRels = ''): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${docRels}</Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${bodyXml}</w:body></w:document>`),
  };
  for (const [name, xml] of Object.entries(extra)) files[name] = strToU8(xml);
  return zipSync(files);
}
const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const sp = (id: string, text: string) => p(text, `<w:pStyle w:val="${id}"/>`);
const tc = (inner: string) => `<w:tc>${inner.startsWith('<') ? inner : p(inner)}</w:tc>`;
const tbl = (rows: string[][]) => `<w:tbl><w:tblPr/><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(rows[0]!.length)}</w:tblGrid>${rows.map((r) => `<w:tr>${r.map((c) => tc(c)).join('')}</w:tr>`).join('')}</w:tbl>`;
const style = (id: string, name: string, pPr = '', basedOn = '') =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${basedOn ? `<w:basedOn w:val="${basedOn}"/>` : ''}${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}</w:style>`;
const stylesXml = (inner: string) => `<?xml version="1.0"?><w:styles ${W_NS}>${inner}</w:styles>`;
const stylesRel = `<Relationship Id="rSt" Type="${REL}styles" Target="styles.xml"/>`;
const vmlBox = (inner: string) => `<w:pict><v:shape><v:textbox><w:txbxContent>${inner}</w:txbxContent></v:textbox></v:shape></w:pict>`;
const drawingBox = (inner: string) =>
  `<w:drawing><wp:anchor><wp:docPr id="1" name="tb"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>${inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>`;
const fld = (instr: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

const FIXTURES: Record<string, Uint8Array> = {};

// 1. headings: mammoth's rules (style ids Heading1-6, names "heading N" any case, Title, Heading)
FIXTURES['headings-mammoth'] = handDocx(
  sp('Heading1', '一、标题一') + sp('Heading3', '（三）小标题') + sp('1', '中文Word的标题1') + sp('2', '中文Word的标题2') + sp('Title', '报告标题') + sp('ttl', '另一个标题') +
    sp('Heading', 'Pages标题') + sp('Heading7', '七级') + sp('Normal', '正文') + sp('undefinedStyle', '未定义样式') + p('无样式') + sp('HeadingX', '名为Heading 6'),
  { 'word/styles.xml': stylesXml(style('Heading1', 'heading 1') + style('Heading3', 'heading 3') + style('1', 'heading 1') + style('2', 'HEADING 2') + style('ttl', 'title') + style('Normal', 'Normal') + style('HeadingX', 'Heading 6')) },
  stylesRel,
);
// 2. headings beyond mammoth: 标题 N names, outline levels (style, basedOn, direct), body-text level
FIXTURES['headings-outline'] = handDocx(
  sp('a1', '标题 1 样式') + sp('a2', '标题2样式') + sp('biaoti', '标题样式') + sp('o1', '大纲1级样式') + sp('o2b', '继承大纲2级') + p('直接大纲3级', '<w:outlineLvl w:val="2"/>') +
    p('直接正文级', '<w:pStyle w:val="o1"/><w:outlineLvl w:val="9"/>') + sp('o7', '大纲7级') + sp('loop1', '循环继承'),
  {
    'word/styles.xml': stylesXml(
      style('a1', '标题 1') + style('a2', '标题2') + style('biaoti', '标题') + style('o1', 'My Heading', '<w:outlineLvl w:val="0"/>') + style('o2', 'Level2', '<w:outlineLvl w:val="1"/>') +
        style('o2b', 'Derived', '', 'o2') + style('o7', 'L7', '<w:outlineLvl w:val="6"/>') + style('loop1', 'Loop1', '', 'loop2') + style('loop2', 'Loop2', '', 'loop1'),
    ),
  },
  stylesRel,
);
// 3. numbered and bulleted lists
const numPr = (id: string, lvl: string) => `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr>`;
FIXTURES['lists'] = handDocx(
  p('前言') + p('第一项', numPr('1', '0')) + p('第一项的子项', numPr('1', '1')) + p('第二项', numPr('1', '0')) + p('后文') + p('要点', numPr('2', '0')) + p('标题编号', `<w:pStyle w:val="Heading2"/>${numPr('1', '0')}`) + p('无效编号', numPr('99', '0')),
  {
    'word/numbering.xml': `<?xml version="1.0"?><w:numbering ${W_NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
    'word/styles.xml': stylesXml(style('Heading2', 'heading 2')),
  },
  stylesRel + `<Relationship Id="rNum" Type="${REL}numbering" Target="numbering.xml"/>`,
);
// 4. footnotes and endnotes: body refs, a ref in a table cell, a repeated ref, notes with several paragraphs
const notesRel = `<Relationship Id="rFn" Type="${REL}footnotes" Target="footnotes.xml"/><Relationship Id="rEn" Type="${REL}endnotes" Target="endnotes.xml"/>`;
const ref = (kind: 'footnote' | 'endnote', id: string) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:${kind}Reference w:id="${id}"/></w:r>`;
const note = (kind: string, id: string, body: string) => `<w:${kind} w:id="${id}">${body}</w:${kind}>`;
const noteP = (kind: string, text: string) => `<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:${kind}Ref/></w:r><w:r><w:t xml:space="preserve"> ${text}</w:t></w:r></w:p>`;
const notesParts = {
  'word/footnotes.xml': `<?xml version="1.0"?><w:footnotes ${W_NS}>${note('footnote', '-1', '<w:p><w:r><w:separator/></w:r></w:p>').replace('<w:footnote ', '<w:footnote w:type="separator" ')}${note('footnote', '0', '<w:p><w:r><w:continuationSeparator/></w:r></w:p>').replace('<w:footnote ', '<w:footnote w:type="continuationSeparator" ')}${note('footnote', '1', noteP('footnote', '第一条脚注。'))}${note('footnote', '2', noteP('footnote', '表中脚注') + p('第二段 '))}${note('footnote', '3', noteP('footnote', '第三条') + tbl([['注中表格', 'x']]))}</w:footnotes>`,
  'word/endnotes.xml': `<?xml version="1.0"?><w:endnotes ${W_NS}>${note('endnote', '1', noteP('endnote', '尾注内容'))}</w:endnotes>`,
};
FIXTURES['notes'] = handDocx(
  `<w:p><w:r><w:t>正文</w:t></w:r>${ref('footnote', '1')}<w:r><w:t>继续</w:t></w:r></w:p>` + tbl([[`<w:p><w:r><w:t>格</w:t></w:r>${ref('footnote', '2')}</w:p>`, p('b')]]) +
    `<w:p><w:r><w:t>再引</w:t></w:r>${ref('footnote', '1')}${ref('endnote', '1')}</w:p>` + p('结尾'),
  notesParts,
  notesRel,
);
FIXTURES['notes-table'] = handDocx(`<w:p><w:r><w:t>见注</w:t></w:r>${ref('footnote', '3')}</w:p>`, notesParts, notesRel);
FIXTURES['notes-missing'] = handDocx(`<w:p><w:r><w:t>引用不存在的注</w:t></w:r>${ref('footnote', '42')}</w:p>` + p('后文'), notesParts, notesRel);
// 5. hyperlinks, bookmarks, comments, smart tags, custom XML
FIXTURES['links'] = handDocx(
  `<w:p><w:bookmarkStart w:id="0" w:name="top"/><w:r><w:t>通过</w:t></w:r><w:hyperlink r:id="rL"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>门户网站</w:t></w:r></w:hyperlink><w:bookmarkEnd w:id="0"/>` +
    `<w:hyperlink w:anchor="top"><w:r><w:t>（返回）</w:t></w:r></w:hyperlink>${fld('HYPERLINK "http://x.cn/"', '域链接')}<w:commentRangeStart w:id="5"/><w:r><w:t>批注处</w:t></w:r><w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>` +
    `<w:smartTag w:uri="u" w:element="e"><w:r><w:t>智能标记</w:t></w:r></w:smartTag><w:customXml w:element="c"><w:r><w:t>自定义</w:t></w:r></w:customXml></w:p>`,
  { 'word/comments.xml': `<?xml version="1.0"?><w:comments ${W_NS}><w:comment w:id="5" w:author="a" w:initials="A">${p('批注内容')}</w:comment></w:comments>` },
  `<Relationship Id="rL" Type="${REL}hyperlink" Target="http://www.example.gov.cn/" TargetMode="External"/><Relationship Id="rC" Type="${REL}comments" Target="comments.xml"/>`,
);
// 6. breaks, tabs, hyphens, symbols
FIXTURES['breaks'] = handDocx(
  `<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type="textWrapping"/><w:t>d</w:t><w:br w:type="page"/><w:t>e</w:t><w:br w:type="column"/><w:t>f</w:t><w:lastRenderedPageBreak/><w:t>g</w:t><w:noBreakHyphen/><w:t>h</w:t><w:softHyphen/><w:t>i</w:t></w:r></w:p>` +
    `<w:p><w:r><w:br/></w:r></w:p>` + `<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>` + `<w:p><w:r><w:tab/></w:r></w:p>` + `<w:p/>` + `<w:p><w:r><w:t></w:t></w:r></w:p>` +
    `<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Wingdings" w:char="00FC"/></w:r></w:p>` + p('尾'),
);
FIXTURES['breaks-extra'] = handDocx(`<w:p><w:r><w:t>x</w:t><w:cr/><w:t>y</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>z</w:t><w:sym w:font="SimSun" w:char="2460"/></w:r></w:p>` + `<w:p><w:dir w:val="rtl"><w:r><w:t>方向</w:t></w:r></w:dir><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>`);
// 7. text boxes: tables in boxes, nested tables in boxes, boxes in cells, boxes in boxes, several boxes in one paragraph
FIXTURES['textboxes'] = handDocx(
  `<w:p><w:r><w:t>锚点前</w:t></w:r><w:r>${vmlBox(p('框一') + tbl([['框中表', tbl([['嵌套a', '嵌套b']])]]))}</w:r><w:r><w:t>锚点后</w:t></w:r><w:r>${vmlBox(p('框二' ) + `<w:p><w:r><w:t>框中框锚</w:t></w:r><w:r>${vmlBox(p('框中框'))}</w:r></w:p>`)}</w:r></w:p>` +
    tbl([[`<w:p><w:r><w:t>格内</w:t></w:r><w:r>${vmlBox(p('格内框'))}</w:r></w:p>`, p('b')]]) +
    `<w:p><w:r>${drawingBox(p('绘图框') + tbl([['绘图框表']]))}</w:r></w:p>` +
    `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">${drawingBox(p('选择'))}</mc:Choice><mc:Fallback>${vmlBox(p('后备'))}</mc:Fallback></mc:AlternateContent></w:r></w:p>` + p('结尾'),
);
// 8. tracked changes: deleted paragraph marks, moves
const delMark = (text: string) => `<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="x"/></w:rPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
FIXTURES['revisions'] = handDocx(
  delMark('第一段') + p('第二段') + `<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del w:id="9" w:author="x"/></w:rPr></w:pPr><w:r><w:t>被并标题</w:t></w:r></w:p>` + sp('Heading2', '接收段') +
    `<w:p><w:moveFrom w:id="1" w:author="x"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo w:id="2" w:author="x"><w:r><w:t>移来</w:t></w:r></w:moveTo><w:ins w:id="3" w:author="x"><w:r><w:t>插入</w:t></w:r></w:ins><w:del w:id="4" w:author="x"><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>` +
    delMark('最后被删标记'),
  { 'word/styles.xml': stylesXml(style('Heading1', 'heading 1') + style('Heading2', 'heading 2')) },
  stylesRel,
);
// 9. content controls: checkboxes, block-level sdt, nested paragraphs
FIXTURES['controls'] = handDocx(
  `<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>已勾选</w:t></w:r></w:p>` +
    `<w:p><w:sdt><w:sdtPr><w14:checkbox/></w:sdtPr><w:sdtContent><w:r><w:t>☐ 文字</w:t></w:r><w:r><w:t>其后</w:t></w:r></w:sdtContent></w:sdt></w:p>` +
    `<w:sdt><w:sdtPr/><w:sdtContent>${p('块级控件一')}${tbl([['控件中表']])}${p('块级控件二')}</w:sdtContent></w:sdt>` +
    `<w:p><w:r><w:t>外段前</w:t></w:r><w:sdt><w:sdtContent>${p('内段')}</w:sdtContent></w:sdt><w:r><w:t>外段后</w:t></w:r></w:p>` +
    `<w:p><w:hyperlink r:id="x">${tbl([['段中表']])}</w:hyperlink><w:r><w:t>表后文字</w:t></w:r></w:p>`,
  {},
  `<Relationship Id="x" Type="${REL}hyperlink" Target="http://x.cn/" TargetMode="External"/>`,
);
FIXTURES['formcheckbox'] = handDocx(`<w:p>${fld('FORMCHECKBOX', '')}<w:r><w:t>表单复选框</w:t></w:r></w:p>` + p('后'));
// 10. text outside paragraphs, unknown wrappers, page numbers, alternate content without fallback
FIXTURES['odd'] = handDocx(
  `<w:r><w:t>游离文字</w:t></w:r>` + p('段') + `<w:r><w:t xml:space="preserve">  </w:t></w:r>` + `<w:customXml>${p('自定义块')}</w:customXml>` +
    `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="x"><w:t>只有选择</w:t></mc:Choice></mc:AlternateContent></w:r></w:p>` +
    `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="x"><w:t>选择</w:t></mc:Choice><mc:Fallback><w:t>后备</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
    `<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>` + `<w:p><w:pPr><w:sectPr/></w:pPr>${fld('PAGE', '8')}</w:p>` + p('末'),
);
// 11. layout tables holding headings, text boxes and data tables
FIXTURES['layout'] = handDocx(
  tbl([['<w:p/>', sp('Heading1', '一、总体情况') + p('正文一') + tbl([['项目', '数量', 'c', 'd'], ['甲', '1', '2', '3']]) + `<w:p><w:r><w:t>框锚</w:t></w:r><w:r>${vmlBox(p('框中正文') + `<w:p>${fld('PAGE', '2')}</w:p>`)}</w:r></w:p>` + p('正文二')]]) + p('表后'),
  { 'word/styles.xml': stylesXml(style('Heading1', 'heading 1')) },
  stylesRel,
);


// ---------------------------------------------------------------------------------------------

function ok(r: ExtractResult): DocumentModel {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.document;
}

/** Blocks in brief: "role level text" for paragraphs, cell texts for tables. */
async function read(name: string): Promise<{ blocks: (string | string[][])[]; codes: string[] }> {
  const r = await extractDocx(FIXTURES[name] as Uint8Array);
  const d = ok(r);
  return {
    blocks: d.blocks.map((b) =>
      b.kind === 'table' ? [...(b.role === 'body' ? [] : [[b.role as string]]), ...b.rows.map((row) => row.map((c) => c.text))] : `${b.role === 'body' ? '' : b.role + ' '}${b.headingLevel ?? '-'} ${b.text}`,
    ),
    codes: r.messages.map((m) => m.code),
  };
}

describe('docx body reader: as mammoth.js read it', () => {
  it('heading levels: style ids Heading1–6, style names "heading N" in any case, Title, Heading', async () => {
    expect(await read('headings-mammoth')).toEqual({
      blocks: [
        '1 一、标题一',
        '3 （三）小标题',
        '1 中文Word的标题1', // style id "1", name "heading 1" (Chinese Word)
        '2 中文Word的标题2', // name "HEADING 2"
        '- 报告标题', // style id Title, but no such style defined
        '1 另一个标题', // style named "title"
        '1 Pages标题', // style id "Heading"
        '- 七级',
        '- 正文',
        '- 未定义样式',
        '- 无样式',
        '6 名为Heading 6',
      ],
      codes: [],
    });
  });

  it('list paragraphs are paragraphs; a heading style wins over numbering', async () => {
    expect((await read('lists')).blocks).toEqual(['- 前言', '- 第一项', '- 第一项的子项', '- 第二项', '- 后文', '- 要点', '2 标题编号', '- 无效编号']);
  });

  it('footnotes and endnotes: [n] marks in reference order (cells included), notes after the body as often as referenced', async () => {
    expect(await read('notes')).toEqual({
      blocks: [
        '- 正文[1]继续',
        [['格', 'b']], // the cell's reference is numbered [2] but not shown in the cell text
        '- 再引[3][4]',
        '- 结尾',
        'footnote -  第一条脚注。', // the note's text begins with the space after its mark
        'footnote -  表中脚注',
        'footnote - 第二段 ',
        'footnote -  第一条脚注。',
        'footnote -  尾注内容',
      ],
      codes: [],
    });
  });

  it('hyperlinks, bookmarks, comments, smart tags and custom XML give their text only', async () => {
    expect(await read('links')).toEqual({ blocks: ['- 通过门户网站（返回）域链接批注处智能标记自定义'], codes: [] });
  });

  it('tabs, line breaks (not page or column breaks), hyphens, symbols; blank paragraphs', async () => {
    expect((await read('breaks')).blocks).toEqual(['- a\tb\nc\ndefg\u2011h\u00ADi', '- \n', '-    ', '- \t', '- ✓•✓', '- 尾']);
  });

  it('text boxes follow their paragraph, with their tables (nested ones as text) and their own boxes', async () => {
    expect((await read('textboxes')).blocks).toEqual([
      '- 锚点前锚点后',
      '- 框一',
      [['框中表', '嵌套a\t嵌套b']],
      '- 框二',
      '- 框中框锚',
      '- 框中框',
      [['格内\n格内框', 'b']],
      '- 绘图框', // a DrawingML text box without a VML fallback (the old reader rewrote it for mammoth.js)
      [['绘图框表']],
      '- 后备', // mc:Fallback, not the mc:Choice
      '- 结尾',
    ]);
  });

  it('tracked changes: a deleted paragraph mark joins the paragraph to the next, which keeps its style', async () => {
    expect((await read('revisions')).blocks.slice(0, 3)).toEqual(['- 第一段第二段', '2 被并标题接收段', '- 移来插入']);
  });

  it('content controls: a checkbox drops its glyph; blocks and tables in controls; a paragraph or table inside a paragraph splits it', async () => {
    expect((await read('controls')).blocks).toEqual([
      '- 已勾选',
      '- 其后', // the checkbox's first text ("☐ 文字") is its glyph
      '- 块级控件一',
      [['控件中表']],
      '- 块级控件二',
      '- 外段前',
      '- 内段',
      '- 外段后',
      [['段中表']],
      '- 表后文字',
    ]);
    expect((await read('formcheckbox')).blocks).toEqual(['- 表单复选框', '- 后']);
  });

  it('text outside paragraphs, custom XML blocks, choice-only alternate content, page numbers', async () => {
    expect((await read('odd')).blocks).toEqual([
      '- 游离文字',
      '- 段', // the blank run after it makes no paragraph
      '- 自定义块',
      '- 只有选择',
      '- 后备',
      // a paragraph holding only a PAGE field is left out, unless it carries the section properties
      '- 8',
      '- 末',
    ]);
  });

  it('layout tables are read as their content: headings, text boxes (page numbers left out), data tables', async () => {
    expect((await read('layout')).blocks).toEqual(['1 一、总体情况', '- 正文一', [['项目', '数量', 'c', 'd'], ['甲', '1', '2', '3']], '- 框锚', '- 框中正文', '- 正文二', '- 表后']);
  });
});

describe('docx body reader: beyond mammoth.js', () => {
  it('heading levels from style names 标题 N, outline levels (own, style, w:basedOn; 9 = body text); style loops end', async () => {
    expect(await read('headings-outline')).toEqual({
      blocks: ['1 标题 1 样式', '2 标题2样式', '1 标题样式', '1 大纲1级样式', '2 继承大纲2级', '3 直接大纲3级', '- 直接正文级', '- 大纲7级', '- 循环继承'],
      codes: [],
    });
  });

  it('w:cr, w:ptab, a w:sym of an ordinary font, w:dir and w:ruby (base text) are read', async () => {
    expect((await read('breaks-extra')).blocks).toEqual(['- x\ny\tz①', '- 方向注']);
  });

  it('a table in a footnote is a footnote table with its grid (mammoth.js made it a body table)', async () => {
    const r = await extractDocx(FIXTURES['notes-table'] as Uint8Array);
    const d = ok(r);
    expect((await read('notes-table')).blocks).toEqual(['- 见注[1]', 'footnote -  第三条', [['footnote'], ['注中表格', 'x']]]);
    expect(d.blocks[2]).toMatchObject({ kind: 'table', role: 'footnote', rows: [[{ col: 0 }, { col: 1 }]] });
    expect(r.messages).toEqual([]);
  });

  it('a reference to a missing note is kept as its mark, with a warning (mammoth.js failed on the file)', async () => {
    const r = await extractDocx(FIXTURES['notes-missing'] as Uint8Array);
    expect((await read('notes-missing')).blocks).toEqual(['- 引用不存在的注[1]', '- 后文']);
    expect(r.messages).toEqual([{ code: 'docx.note-missing', message: expect.stringMatching(/refers to a note that does not exist \(footnote 42\)/), path: null }]);
  });

  it('the content of a last paragraph whose mark is deleted is kept (mammoth.js lost it)', async () => {
    expect((await read('revisions')).blocks.at(-1)).toBe('- 最后被删标记');
  });

  it('an unreadable styles part or notes part is a warning, not a failure', async () => {
    const broken = handDocx(sp('Heading1', '标题') + `<w:p><w:r><w:t>正文</w:t></w:r>${ref('footnote', '1')}</w:p>`, { 'word/styles.xml': '<w:styles><w:style>', 'word/footnotes.xml': '<?xml version="1.0"?><x' }, stylesRel + notesRel);
    const r = await extractDocx(broken);
    expect(ok(r).blocks.map((b) => (b.kind === 'paragraph' ? `${b.headingLevel ?? '-'} ${b.text}` : 'table'))).toEqual(['1 标题', '- 正文[1]']);
    expect(r.messages.map((m) => m.code)).toEqual(['docx.bad-part', 'docx.bad-part', 'docx.note-missing']);
    expect(r.messages[0]?.message).toMatch(/^word\/styles\.xml: not well-formed XML.*its styles were ignored/);
    expect(r.messages[1]?.message).toMatch(/^word\/footnotes\.xml: not well-formed XML.*its footnotes were ignored/);
  });
});

describe('docx XML scanner', () => {
  it('inside an element the handler ignores: every tag still reported, in order, without attributes or text', () => {
    const out: string[] = [];
    scanXml(`<a><q k="1">x<r v="2"><s w="&amp;"/>y</r><![CDATA[z]]></q><q k="3"/><b c="4">t</b><q>u<r>v</q></a>`, {
      open: (name, attrs) => {
        out.push(`<${name}${attrs.length ? ` ${attrs.join('=')}` : ''}>`);
        return name === 'q';
      },
      text: (t) => out.push(JSON.stringify(t)),
      close: (name, implied) => out.push(`</${name}${implied ? ' implied' : ''}>`),
    });
    expect(out).toEqual([
      '<a>', '<q k=1>', '<r>', '<s>', '</s>', '</r>', '</q>',
      // a self-closing one has no inside: what follows is read as before
      '<q k=3>', '</q>', '<b c=4>', '"t"', '</b>',
      // an element left open inside it is still closed, implied, by its end tag
      '<q>', '<r>', '</r implied>', '</q>', '</a>',
    ]);
  });

  const events = (xml: string): string[] => {
    const out: string[] = [];
    scanXml(xml, {
      open: (name, attrs) => {
        out.push(`<${name}${attrs.map((a, i) => (i % 2 ? `="${a}"` : ` ${a}`)).join('')}>`);
      },
      text: (t) => out.push(JSON.stringify(t)),
      close: (name, implied) => out.push(`</${name}${implied ? ' implied' : ''}>`),
    });
    return out;
  };

  it('tags, attributes (either quote, ">" inside, duplicates), entities, CDATA; comments, PIs and DOCTYPE skipped', () => {
    expect(events(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><!-- c > --><a x='1>2' y="&lt;&#x4E00;&#19968;&amp;" x="dup"><b/>t&amp;u&bogus;<![CDATA[<raw>&amp;]]></a >`)).toEqual([
      '<a x="1>2" y="<一一&">',
      '<b>',
      '</b>',
      '"t&u&bogus;"',
      '"<raw>&amp;"',
      '</a>',
    ]);
    expect(events('<a>&#0;&#xD800;&#x110000;</a>')).toEqual(['<a>', '"\uFFFD\uFFFD\uFFFD"', '</a>']);
  });

  it('unclosed and mismatched elements are closed as implied; a stray end tag is ignored; a cut tag ends the scan', () => {
    expect(events('<a><b></a>')).toEqual(['<a>', '<b>', '</b implied>', '</a>']);
    expect(events('<a></c><b>x')).toEqual(['<a>', '<b>', '"x"', '</b implied>', '</a implied>']);
    expect(events('<a><b x="1')).toEqual(['<a>', '</a implied>']);
    expect(events('<a>1 < 2</a>')).toEqual(['<a>', '"1 <"', '" 2"', '</a>']);
  });

  it('a document part cut short is corrupt, naming the element left open', async () => {
    const r = await extractDocx(handDocx(p('一') + '<w:p><w:r><w:t>二'));
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt', message: expect.stringMatching(/word\/document\.xml: not well-formed XML \(element <w:t> is not closed properly\)/) } });
  });
});
