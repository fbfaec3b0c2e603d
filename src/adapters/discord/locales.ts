/**
 * Japanese and Korean names and descriptions for the commands, so people whose Discord is set to those
 * languages find them in their own words. Answers stay in English: the knowledge is in English.
 * Slash-command and option names are lowercase `^[-_\p{L}\p{N}]{1,32}$`; descriptions 1–100 characters.
 */
export type Localised = { ja: string; ko: string };

export const LOCALISED = {
  command: {
    name: { ja: "tpd-質問", ko: "tpd-질문" },
    description: {
      ja: "2025年の米国技術繁栄協定について出典付きで答えます（回答は英語）",
      ko: "2025년 미국 기술 번영 협정에 대해 출처와 함께 답합니다(답변은 영어)",
    },
  },
  query: {
    name: { ja: "質問", ko: "질문" },
    /** `{examples}` takes example questions made from the knowledge (see commands.ts). */
    description: {
      ja: "質問またはトピック（例: {examples}）",
      ko: "질문 또는 주제 (예: {examples})",
    },
  },
  deal: {
    name: { ja: "協定", ko: "협정" },
    description: { ja: "この協定だけ", ko: "이 협정만" },
  },
  public: {
    name: { ja: "公開", ko: "공개" },
    description: {
      ja: "チャンネルの全員に回答を表示する（既定: 自分だけ）",
      ko: "채널의 모두에게 답변 표시 (기본값: 나만)",
    },
  },
  /** The message context-menu command: names may hold spaces and capitals, 1–32 characters. */
  askAboutMessage: {
    name: { ja: "このメッセージをTPDに質問", ko: "이 메시지를 TPD에 질문" },
  },
} as const satisfies Record<string, { name: Localised; description?: Localised }>;
