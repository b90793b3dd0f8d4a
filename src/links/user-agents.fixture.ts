/** Real user agents, as sent, with what a short link must answer each: a person, a preview crawler or another bot. */
export const userAgents: { name: string; ua: string; kind: 'visit' | 'preview' | 'bot'; device?: 'mobile' | 'tablet' | 'desktop' }[] = [
  // People in browsers
  { name: 'Chrome on Windows', kind: 'visit', device: 'desktop', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
  { name: 'Edge on Windows', kind: 'visit', device: 'desktop', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51' },
  { name: 'Firefox on Linux', kind: 'visit', device: 'desktop', ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' },
  { name: 'Safari on macOS', kind: 'visit', device: 'desktop', ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15' },
  { name: 'Safari on iPhone', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1' },
  { name: 'Chrome on Android phone', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36' },
  { name: 'Samsung Internet', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36' },
  { name: 'Safari on iPad', kind: 'visit', device: 'tablet', ua: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' },
  { name: 'Chrome on Android tablet', kind: 'visit', device: 'tablet', ua: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
  // People in the in-app browsers of social apps: not crawlers
  { name: 'LinkedIn app on iPhone', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8520' },
  { name: 'LinkedIn app on Android', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 [LinkedInApp]/4.1.934' },
  { name: 'Facebook app on iPhone', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/455.0.0.44.109;FBBV/567890123;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.3.1;FBSS/3;FBID/phone;FBLC/nl_NL;FBOP/5;FBRV/0]' },
  { name: 'Facebook app on Android', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.163 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/432.0.0.29.102;]' },
  { name: 'Instagram app', kind: 'visit', device: 'mobile', ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 326.0.3.30.91 (iPhone14,5; iOS 17_4; nl_NL; nl; scale=3.00; 1170x2532; 585016024)' },
  // Link-preview crawlers
  { name: 'LinkedInBot', kind: 'preview', ua: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)' },
  { name: 'facebookexternalhit', kind: 'preview', ua: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
  { name: 'Facebot', kind: 'preview', ua: 'Facebot' },
  { name: 'iMessage preview', kind: 'preview', ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0' },
  { name: 'Twitterbot', kind: 'preview', ua: 'Twitterbot/1.0' },
  { name: 'Slackbot', kind: 'preview', ua: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' },
  { name: 'WhatsApp', kind: 'preview', ua: 'WhatsApp/2.24.8.85 A' },
  { name: 'TelegramBot', kind: 'preview', ua: 'TelegramBot (like TwitterBot)' },
  { name: 'Teams (Skype preview)', kind: 'preview', ua: 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com' },
  { name: 'Teams (MicrosoftPreview)', kind: 'preview', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.93 Safari/537.36 Edg/96.0.1054.53 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview' },
  { name: 'Discordbot', kind: 'preview', ua: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)' },
  // Other automated clients
  { name: 'curl', kind: 'bot', ua: 'curl/8.5.0' },
  { name: 'Googlebot', kind: 'bot', ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
  { name: 'Python requests', kind: 'bot', ua: 'python-requests/2.31.0' },
  { name: 'Headless Chrome', kind: 'bot', ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36' },
];
