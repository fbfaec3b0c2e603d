/** The White House article on the Japan and Korea deals: cited by answers that the process tests check end to end. */
export const WHITE_HOUSE_ARTICLE =
  "https://www.whitehouse.gov/articles/2025/10/the-united-states-signs-technology-prosperity-deals-with-japan-and-korea/";
