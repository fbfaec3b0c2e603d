import { describe, expect, it } from "vitest";
import { plain as plainText, sanitize } from "../../src/adapters/shared/safe-text.js";
import { escapeMrkdwn, linkUrl, mrkdwnText } from "../../src/adapters/slack/escape.js";
import { toQuery } from "../../src/adapters/slack/incoming-text.js";

describe("escaping outgoing text", () => {
  it("escapes exactly &, < and > for mrkdwn", () => {
    expect(escapeMrkdwn("a & b < c > d * _ ~ `")).toBe("a &amp; b &lt; c &gt; d * _ ~ `");
    expect(escapeMrkdwn("<!channel> <!subteam^S1|@x>")).toBe("&lt;!channel&gt; &lt;!subteam^S1|@x&gt;");
  });

  it("cuts long text without splitting an entity or a surrogate pair", () => {
    const cut = mrkdwnText("&".repeat(100), 23);
    expect(cut).toBe(`${"&amp;".repeat(4)}…`);
    const emoji = mrkdwnText("😀".repeat(10), 6);
    expect(emoji).toBe("😀😀…");
    expect(mrkdwnText("short", 10)).toBe("short");
    // The longest start that fits, whether the escapes fall inside the cut or past it.
    expect(mrkdwnText(`${"a".repeat(30)}&&&`, 23)).toBe(`${"a".repeat(22)}…`);
    expect(mrkdwnText(`${"x".repeat(20)}${"&".repeat(10)}`, 23)).toBe(`${"x".repeat(20)}…`);
    expect(mrkdwnText(`${"x".repeat(20)}&${"y".repeat(10)}`, 30)).toBe(
      `${"x".repeat(20)}&amp;${"y".repeat(4)}…`,
    );
  });

  it("drops control and bidi-override characters and repairs lone surrogates", () => {
    expect(sanitize("a\u0000b\u202Ec\r\nd\tе\uD800")).toBe("abc\nd\tе\uFFFD");
  });

  it("treats each character alike alone in otherwise clean text", () => {
    const expected = (char: string, code: number) => {
      if (char === "\t" || char === "\n") return char;
      if (char === "\r") return "\n";
      if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return "";
      if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return "";
      if (code >= 0xd800 && code <= 0xdfff) return "\uFFFD";
      return char;
    };
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      expect(sanitize(`a${char}b`), `U+${code.toString(16)}`).toBe(`a${expected(char, code)}b`);
    }
    expect(sanitize("clean text 😀 stays the very same")).toBe("clean text 😀 stays the very same");
  });

  it("keeps plain_text readable but inert", () => {
    expect(plainText("  <!here>\nhello  ", 150)).toBe("<\u200B!here> hello");
    expect(plainText("x".repeat(200), 150)).toHaveLength(150);
  });

  it("only links http(s) URLs and encodes what would end the link", () => {
    expect(linkUrl("javascript:alert(1)")).toBeNull();
    expect(linkUrl("not a url")).toBeNull();
    expect(linkUrl("https://a.example/?x=1&y=2")).toBe("https://a.example/?x=1&amp;y=2");
    expect(linkUrl("https://a.example/a|b")).toBe("https://a.example/a%7Cb");
  });
});

describe("reading incoming Slack text", () => {
  it("strips the bot's own mention, in either form", () => {
    expect(toQuery("<@UBOT> korea 6g", "UBOT")).toBe("korea 6g");
    expect(toQuery("hey <@UBOT|tpd> korea", "UBOT")).toBe("hey korea");
  });

  it("reads other markup as a person would see it", () => {
    expect(toQuery("ask <@U2|maria> about <#C1|general> and <https://x.example|this link>", "UBOT")).toBe(
      "ask @maria about #general and this link",
    );
    expect(toQuery("<https://x.example>", null)).toBe("https://x.example");
    expect(toQuery("signed <!date^1392734382^{date}|Feb 18, 2014>", null)).toBe("signed Feb 18, 2014");
  });

  it("drops broadcasts and user groups, and decodes Slack's entities", () => {
    expect(toQuery("<!channel> <!here|here> <!subteam^S1|@team> korea", null)).toBe("korea");
    expect(toQuery("AT&amp;T &lt;b&gt;", null)).toBe("AT&T <b>");
    expect(toQuery("&amp;lt;", null)).toBe("&lt;");
  });
});
