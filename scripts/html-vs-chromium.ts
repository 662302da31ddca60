// Differential check of htmlToText against real Chromium innerText (JavaScript off, page.setContent, like the corpus).
//   CHROMIUM=/usr/bin/chromium npx tsx scripts/html-vs-chromium.ts [randomCount] [seed] [--min]
// Runs a list of hand-written edge cases plus randomly generated documents (tables, blocks, inline styles,
// malformed markup, entities) and prints every case whose text differs. Needs a local Chromium; not part of CI.
// --min shrinks each differing case to a smaller one that still differs.
import { chromium } from "playwright-core";
import { htmlToText } from "../src/filing/html";

const CASES: string[] = [
  "<p>a <b>b</b>  c</p><table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
  "x<p>y</p>z",
  "<div>a</div><br><div>b</div>",
  "<div>a<br></div><div>b</div>",
  "a <br> b",
  "<p></p><p></p>x<p></p>",
  "</p>x</p>",
  "<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>",
  "<table><tr><td/><td/><td>x</td></tr><tr><td>1<td>2</table>",
  "<table><td>a<td>b<tr><td>c</table>after",
  "<table><tr><td>a</td></tr><font><tr><td>b</td></tr></font></table>",
  "<table><tr><td>a</td>junk<td>b</td></tr></table>",
  "<table>lost<tr><td>a</td></tr></table>",
  "<p>para<table><tr><td>t</td></tr></table>more</p>",
  "<!DOCTYPE html><p>para<table><tr><td>t</td></tr></table>more</p>",
  "<div style='display:none'>hidden</div>shown",
  "<span style='visibility:hidden'>h</span> x <span style=visibility:hidden>y</span> z",
  "a <span style='display:inline-block'> b </span> c",
  "a<img src=x>b <img> c",
  "<div style='float:left'>f</div>text<span style='position:absolute'>abs</span>end",
  "<span style='white-space:pre'>  a\n  b  </span>c",
  "<pre>\nline1\n  line2\n</pre>after",
  "<div style='white-space:pre-line'>  a   b \n  c  </div>",
  "&amp; &lt; &gt; &nbsp;x &#8212; &mdash; &rsquo; &#x2014; &copy2024 &notin; &noti &#150; &#0; &bogus; &amp",
  "<script>document.write('x')</script>after<style>p{}</style>s<title>t</title>u",
  "a < b and c<d e> f <1 g",
  "<!-- c -->a<!--->b<!-->c<!-- x --!>d<?xml x?>e<![CDATA[f]]>g",
  "<ul><li>one<li>two</ul><ol><li>a</li></ol>",
  "<dl><dt>t<dd>d</dl>",
  "<h1>h</h1>t<h2>x<h3>y</h2>z",
  "<b>bold<p>para</b>rest</p>",
  "<div><span>a</div>b</span>c",
  "<table><tr><td>a<table><tr><td>in1</td><td>in2</td></tr></table>b</td><td>c</td></tr></table>",
  "<table style='display:inline-table'><tr><td>a</td><td>b</td></tr></table>x",
  "y<div><table style='display:inline-table'><tr><td>a</td></tr><tr><td>b</td></tr></table></div>z",
  "<div style='display:table-cell'>a</div><div style='display:table-cell'>b</div>",
  "<table><tr style='display:none'><td>h</td></tr><tr><td>v</td></tr></table>",
  "<table><tr><td>a</td><td style='display:none'>h</td></tr></table>",
  "<table><tr><td>a</td><td style='visibility:hidden'>h</td><td>c</td></tr></table>",
  "<table><caption>cap</caption><tr><td>a</td></tr></table>",
  "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>b</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>",
  "<table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>",
  "<div hidden>h</div>v<input type=hidden value=x><input value=y>",
  "<DIV STYLE=\"DISPLAY:NONE\">H</DIV><P>UPPER<BR>CASE</P>",
  "<font size=2>a</font> <font>b</font>",
  "<center>c</center><hr>after<hr/>x",
  "text<PAGE>more<S>strike<C>c",
  "<a href='#'>link</a> <a name=x/>after",
  "<textarea>ta</textarea>x<select><option>o1<option>o2</select>y",
  "<svg><text>svgtext</text></svg>after<math><mi>x</mi></math>",
  "<noscript>ns</noscript>x",
  "<xmp><b>raw</b></xmp>y",
  "<div>a<div>b</div>c</div>",
  "<p>a</p>\n\n   <p>b</p>",
  "<td>stray cell</td> text <tr>row</tr>",
  "<span>a </span><span> b</span>",
  "<p> lead and trail </p>",
  "<div> <span> </span> x </div>",
  "<table><tr><td> a </td><td>  </td><td>b </td></tr></table>",
  "a&nbsp; &nbsp;b",
  "<p>x</p><br><p>y</p>",
  "<br><br>a",
  "<div></div><br>a",
  "<table><tr></tr><tr><td>x</td></tr><tr></tr></table>",
  "<table><tbody></tbody><tbody><tr><td>a</td></tr></tbody><tbody><tr><td>b</td></tr></tbody></table>",
  "<p>unclosed <div>block</div> tail",
  "<li>loose li<li>second",
  "<b><i>x</b>y</i>z",
  "<table><tr><td>1</td></tr><p>foster</p><tr><td>2</td></tr></table>",
  "<span style=\"display:block\">blk</span>inline<span style=\"display:contents\">cts</span>",
  "<p style='display:inline'>pi</p>after",
  "<p style='display:none'>pn</p>after",
  "x<span style='visibility:hidden'><div>hid</div></span>y",
  "x<div style='visibility:hidden'>h<span style='visibility:visible'>v</span></div>y",
  "<div style=\"display: none ; \">h</div><div style=\"display :none\">h2</div>s",
  "<table><tr><td>a<br></td><td><br>b</td></tr></table>",
  "<table><tr><td>$</td><td>(32</td><td>)</td></tr></table>",
  "<body><p>in body</p></body>after body",
  "<html><head><title>T</title><style>x</style></head><body>B</body></html>",
  "<head><div>early</div></head>x",
  "<frameset><frame></frameset>",
  "<p>a<p>b<p>c",
  "<button>btn</button> <button>b2</button>",
  "<ix:nonFraction name='x'>1,234</ix:nonFraction> <ix:header>h</ix:header>",
  "a<wbr>b&shy;c",
  "<dialog>d</dialog><dialog open>o</dialog>",
  "<details><summary>s</summary>body</details>",
  "<p>a\tb\rc\r\nd\fe</p>",
  "<table><tr><td>a</td></tr></table>\n\n<table><tr><td>b</td></tr></table>",
  "<div style=\"white-space:nowrap\">  a   b  </div>",
  "<span style=\"white-space:pre-wrap\"> lead</span><span style=\"white-space:pre-wrap\">trail  </span>",
  "<div>x<span style='float:right'>fl</span>y</div>",
  "<div><img style='display:block'>z</div>",
  "<table><tr><td style='float:left'>a</td><td>b</td></tr></table>",
  "<table><tr><td><div style='position:absolute'>a</div></td><td>b</td></tr></table>",
  "<object><p>fallback</p></object>o",
  "<iframe>if</iframe>x<noembed>ne</noembed>y<noframes>nf</noframes>z",
  "<template>tpl</template>x",
  "<ruby>r<rp>(</rp><rt>t</rt><rp>)</rp></ruby>",
  "<listing>\nl1\n</listing>x",
  "<marquee>m</marquee>x",
  "<table><tr><th>h1<th>h2</tr></table>",
  "<table border=1><tr><td>a</table>b",
  "<table><tr><td>a</td></tr><tr><td style='display:none'>b</td></tr></table>",
  "<div>a<table><tr><td>b</td></tr></table></div>",
  "<span>a<table><tr><td>b</td></tr></table>c</span>",
  "<b>a<table><tr><td>b</td></tr></table>c</b>",
  "<table><tr><td>x</td></tr>   </table>",
  "<table><colgroup><col><col></colgroup><tr><td>c</td></tr></table>",
  "<table><col width=5><tr><td>c</td></tr></table>",
  "<a><div>a in div</div></a>",
  "<a>1<a>2</a>3</a>",
  "<p><table><tr><td>in</td></tr></table></p>",
  "<table><tr><td>a</td><td></td></tr></table>",
  "<table><tr><td></td><td>a</td></tr></table>",
  "<table><tr><td style=\"visibility:hidden\">a</td></tr><tr><td>b</td></tr></table>",
  "<table><tr style=\"visibility:hidden\"><td>a</td></tr><tr><td>b</td></tr></table>",
  "<style>.h{display:none} p.v{visibility:hidden} #pre{white-space:pre} @media print{.x{display:none}}</style><p class=h>h</p><p class='v x'>v</p><div class=x>x</div><div id=pre>  a  b</div>",
  "<style media=print>.h{display:none}</style><p class=h>shown</p>",
  "<style>div p{display:none} .a > .b{display:none}</style><div><p class=b>desc</p></div><div class=a><span class=b>child</span><i><span class=b>grandchild</span></i></div>",
  "<!DOCTYPE html><style>.h{display:none} #X{display:none}</style><p class=H>case kept</p><p class=h>gone</p><p id=x>id kept</p>",
  "<style>table.fin td.hide, .note > p {display:none}</style><table class=fin><tr><td>a</td><td class=hide>b</td><td>c</td></tr></table><div class=note><p>n</p></div>",
  "<style>.f{float:left} .ib{display:inline-block} .blk{display:block}</style>a <span class=f>f</span> b<span class=ib> ib </span>c<span class=blk>blk</span>d",
  "<style>.h{display:none}</style><p class=h style='display:block'>inline wins</p><p class='h'>gone</p><p class='H'>case</p>",
  "<style>/* .h{display:none} */ .n { display : none !important }</style><p class=n>x</p><p>y</p>",
  "<div style=\"display:table-row\"><div style=\"display:table-cell\">a</div><div style=\"display:table-cell\">b</div></div><div style=\"display:table-row\"><div style=\"display:table-cell\">c</div></div>",
];

// ---- random documents --------------------------------------------------------------------------------------

let seed = Number(process.argv[3] ?? 12345) >>> 0;
function rnd(n: number): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
}
function pick<T>(a: T[]): T {
  return a[rnd(a.length)];
}

const WORDS = ["a", "b", "12", "3,456", "(7)", "$", "&nbsp;", "&amp;", "&#8212;", " ", "  ", "\n", "x y", " z ", "\t"];
const STYLES = [
  "",
  "",
  "",
  " style='display:none'",
  " style='display:block'",
  " style='display:inline'",
  " style='display:inline-block'",
  " style='visibility:hidden'",
  " style='white-space:pre'",
  " style='white-space:pre-wrap'",
  " style='float:left'",
  " style='position:absolute'",
  " style='display:inline-table'",
];
const INLINE = ["span", "b", "font", "i", "a", "u", "ix:nonfraction", "small", "sup"];
const BLOCK = ["div", "p", "h3", "center", "li", "ul", "blockquote", "pre"];

function inline(depth: number): string {
  const k = rnd(depth > 3 ? 3 : 6);
  if (k <= 1) return pick(WORDS);
  if (k === 2) return pick(["<br>", "<br/>", "</br>", "<img>", "<wbr>", "<hr>"]);
  const t = pick(INLINE);
  let inner = "";
  for (let i = rnd(3); i >= 0; i--) inner += inline(depth + 1);
  return `<${t}${pick(STYLES)}>${inner}${rnd(8) === 0 ? "" : `</${t}>`}`;
}

function table(depth: number): string {
  let s = `<table${pick(["", "", " style='display:inline-table'", " style='display:none'"])}>`;
  for (let r = rnd(4); r >= 0; r--) {
    s += rnd(6) === 0 ? "<tr style='display:none'>" : "<tr>";
    for (let c = rnd(5); c >= 0; c--) {
      const tag = rnd(5) === 0 ? "th" : "td";
      if (rnd(5) === 0) {
        s += `<${tag}/>`;
        continue;
      }
      let inner = "";
      for (let i = rnd(3); i >= 0; i--) inner += rnd(3) === 0 ? block(depth + 1) : inline(depth + 1);
      s += `<${tag}${pick(["", "", " style='visibility:hidden'", " style='display:none'", " style='white-space:nowrap'"])}>${inner}${rnd(4) === 0 ? "" : `</${tag}>`}`;
    }
    s += rnd(4) === 0 ? "" : "</tr>";
  }
  return s + "</table>";
}

function block(depth: number): string {
  const k = rnd(depth > 2 ? 2 : 5);
  if (k === 0) return inline(depth + 1);
  if (k === 1) {
    const t = pick(BLOCK);
    let inner = "";
    for (let i = rnd(3); i >= 0; i--) inner += rnd(2) ? inline(depth + 1) : block(depth + 1);
    return `<${t}${pick(STYLES)}>${inner}${rnd(6) === 0 ? "" : `</${t}>`}`;
  }
  return table(depth + 1);
}

// Tag soup: unstructured tokens, the way old EDGAR HTML and broken pastes look.
const SOUP = [
  "<P>", "</P>", "<p>", "<DIV>", "</DIV>", "<div style='display:none'>", "</div>", "<TABLE>", "</TABLE>", "<TR>", "</TR>",
  "<TD>", "</TD>", "<TH>", "<td/>", "<tbody>", "</tbody>", "<caption>", "</caption>", "<FONT SIZE=2>", "</FONT>",
  "<B>", "</B>", "<I>", "</I>", "<a href=x>", "</a>", "<U>", "</U>", "<span>", "</span>", "<BR>", "</br>", "<br/>",
  "<HR>", "<LI>", "<UL>", "</UL>", "<h2>", "</h2>", "<CENTER>", "</CENTER>", "<PRE>", "</PRE>", "<PAGE>", "<S>", "<C>",
  "<!-- c -->", "<!-->", "<?x?>", "<![CDATA[x]]>", "<", "</", "< b", "<3", "&amp", "&nbsp", "&#x41;", "&#150;",
  "&bogus;", "&lt;td&gt;", "12", "3,456", "(7)", "$", " ", "\n", "\t", "x y", "<img src=a>", "<wbr>", "<nobr>",
  "<span style=display:none>", "<span style='visibility:hidden'>", "<span style='white-space:pre'>", "<svg>", "</svg>",
  "<select><option>o</select>", "<textarea>t</textarea>", "<script>x<\/script>", "<style>p{}</style>", "<title>t</title>",
  "<table style='display:inline-table'>", "<div style='float:left'>", "<font style='position:absolute'>", "<dl><dt>",
  "<dd>", "<button>", "</button>", "<xmp><b></xmp>", "<form>", "</form>", "<col>", "<colgroup>", "<input type=hidden>",
  "<style>.h{display:none} .v{visibility:hidden} .p{white-space:pre} div .f{float:left} td > .h{display:block}</style>",
  "<span class=h>", "<p class=v>", "<div class=p>", "<b class=f>", "<td class=h>", "<span class='f v'>",
];

function soupDoc(): string {
  let s = rnd(4) === 0 ? "<!DOCTYPE html>" : "";
  for (let i = 5 + rnd(40); i >= 0; i--) s += pick(SOUP);
  return s;
}

function randomDoc(): string {
  if (rnd(2) === 0) return soupDoc();
  let s = rnd(3) === 0 ? "<!DOCTYPE html>" : "";
  for (let i = rnd(5); i >= 0; i--) s += block(0);
  return s;
}

/** Shrinks a failing document by dropping tokens (tags, text runs) while it still differs. */
async function minimize(html: string, differs: (h: string) => Promise<boolean>): Promise<string> {
  let toks: string[] = html.match(/<[^>]*>|[^<]+/g) ?? [html];
  let changed = true;
  while (changed) {
    changed = false;
    for (let size = Math.max(1, toks.length >> 1); size >= 1; size >>= 1) {
      for (let i = 0; i + size <= toks.length; ) {
        const cand = toks.slice(0, i).concat(toks.slice(i + size));
        if (await differs(cand.join(""))) {
          toks = cand;
          changed = true;
        } else i++;
      }
    }
  }
  return toks.join("");
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 300);
  const shrink = process.argv.includes("--min");
  const docs = [...CASES];
  for (let i = 0; i < count; i++) docs.push(randomDoc());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  let bad = 0;
  for (const [i, html] of docs.entries()) {
    await page.setContent(html);
    const want = await page.evaluate(() => document.body.innerText);
    const got = htmlToText(html).text;
    if (got !== want) {
      bad++;
      let h = html;
      if (shrink) {
        h = await minimize(html, async (c) => {
          await page.setContent(c);
          return (await page.evaluate(() => document.body.innerText)) !== htmlToText(c).text;
        });
        await page.setContent(h);
      }
      const w = shrink ? await page.evaluate(() => document.body.innerText) : want;
      console.log(`#${i} ${i < CASES.length ? "case" : "random"}\n  html: ${JSON.stringify(h)}\n  want: ${JSON.stringify(w)}\n  got:  ${JSON.stringify(htmlToText(h).text)}`);
    }
  }
  await browser.close();
  console.log(`${docs.length - bad}/${docs.length} identical (${CASES.length} hand-written, ${count} random)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
