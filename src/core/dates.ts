const MONTHS = "January February March April May June July August September October November December".split(
  " ",
);

/** 2025-10-29 -> 29 October 2025; "date not stated" when the source shows none. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return "date not stated";
  const [year, month, day] = iso.split("-").map(Number);
  const name = MONTHS[(month ?? 0) - 1];
  return name && day && year ? `${day} ${name} ${year}` : iso;
}
