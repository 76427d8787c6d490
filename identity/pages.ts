import type { DemoAccount } from '../shared/auth/demoPrincipals';

/**
 * The development provider's pages: server-rendered HTML, Chinese first with an English switch, a
 * labelled form, no script of their own inline and no asset from elsewhere (the style sheet and the
 * sign-out script are served by the provider itself), under the Content-Security-Policy of
 * {@link contentSecurityPolicy}.
 */

export type Language = 'zh' | 'en';

/** `?lang=en` chooses English; anything else is Chinese. */
export function languageOf(value: unknown): Language {
  return value === 'en' ? 'en' : 'zh';
}

/** Text for HTML: `& < > " '` escaped. */
export function html(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const STYLESHEET_PATH = '/assets/identity.css';
/** Noto Sans SC (the font the credit reports use), for a browser with no Chinese font of its own. */
export const FONT_PATH = '/assets/noto-sans-sc-400.woff2';
export const LOGOUT_SCRIPT_PATH = '/assets/sign-out.js';

/**
 * The provider's policy: nothing from elsewhere, no inline script, no framing. A form may go to the
 * provider and, through the redirects that end a sign-in or a sign-out, to the site's origins.
 */
export function contentSecurityPolicy(siteOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${siteOrigins.join(' ')}`.trim(),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '登录 · 信用图谱',
    product: '信用图谱',
    devProvider: '开发用身份提供者',
    switchTo: 'English',
    heading: '登录信用图谱',
    warning: '这是开发和演示用的身份提供者，生产环境不会启动。所有示例账户使用同一个开发密码：',
    chooseAccount: '选择账户',
    subjects: '信用主体（以本人身份查询自己的信用信息）',
    authorities: '数据报送机构（报送记录、答复异议）',
    password: '密码',
    passwordHint: '开发密码见上方说明。',
    signIn: '登录',
    cancel: '取消并返回',
    wrongPassword: '密码不正确，请输入上方显示的开发密码。',
    unknownAccount: '请选择一个示例账户。',
    signOutTitle: '退出 · 信用图谱',
    signOutHeading: '退出信用图谱？',
    signOutText: '退出后，需要重新登录才能查看您的信用信息。',
    signOut: '退出',
    stay: '保持登录',
    signedOutTitle: '已退出 · 信用图谱',
    signedOutHeading: '您已退出',
    errorTitle: '出错了 · 信用图谱',
    errorHeading: '登录未能完成',
    errorText: '请返回网站重新登录。',
    errorCode: '错误代码',
  },
  en: {
    htmlLang: 'en',
    title: 'Sign in · Credit Graph',
    product: 'Credit Graph',
    devProvider: 'development identity provider',
    switchTo: '中文',
    heading: 'Sign in to Credit Graph',
    warning: 'This is the identity provider for development and demonstrations; it does not start in production. Every demo account has the same development password:',
    chooseAccount: 'Choose an account',
    subjects: 'Subjects (querying their own credit information)',
    authorities: 'Source authorities (submitting records, answering objections)',
    password: 'Password',
    passwordHint: 'The development password is given above.',
    signIn: 'Sign in',
    cancel: 'Cancel and go back',
    wrongPassword: 'The password is not right: enter the development password given above.',
    unknownAccount: 'Choose one of the demo accounts.',
    signOutTitle: 'Sign out · Credit Graph',
    signOutHeading: 'Sign out of Credit Graph?',
    signOutText: 'Once signed out, you sign in again to see your credit information.',
    signOut: 'Sign out',
    stay: 'Stay signed in',
    signedOutTitle: 'Signed out · Credit Graph',
    signedOutHeading: 'You are signed out',
    errorTitle: 'Error · Credit Graph',
    errorHeading: 'Signing in could not be completed',
    errorText: 'Go back to the site and sign in again.',
    errorCode: 'Error code',
  },
} as const;

function page(language: Language, title: string, body: string, options: { switchHref?: string; script?: boolean } = {}): string {
  const t = TEXT[language];
  const other: Language = language === 'zh' ? 'en' : 'zh';
  const switcher = options.switchHref
    ? `<a class="lang" href="${html(options.switchHref)}" lang="${TEXT[other].htmlLang}" hreflang="${TEXT[other].htmlLang}">${t.switchTo}</a>`
    : '';
  return `<!DOCTYPE html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${html(title)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${options.script ? `<script src="${LOGOUT_SCRIPT_PATH}" defer></script>\n` : ''}</head>
<body>
<header><p class="brand">${t.product} <span class="tag">${t.devProvider}</span></p>${switcher}</header>
<main>
${body}
</main>
</body>
</html>`;
}

function accountOption(account: DemoAccount, language: Language, checked: boolean): string {
  const id = `account-${account.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const code = account.kind === 'SUBJECT' ? account.id : account.claims.org;
  return `<li><input type="radio" name="account" id="${id}" value="${html(account.id)}"${checked ? ' checked' : ''} required>
<label for="${id}"><span class="name" lang="zh-CN">${html(account.name)}</span> <code>${html(code)}</code><span class="description">${html(account.description[language])}</span></label></li>`;
}

export interface SignInPage {
  readonly uid: string;
  readonly language: Language;
  readonly accounts: readonly DemoAccount[];
  readonly password: string;
  readonly chosen?: string;
  readonly error?: 'wrongPassword' | 'unknownAccount';
}

/** The sign-in page of an interaction: the demo accounts to choose from and the development password. */
export function signInPage({ uid, language, accounts, password, chosen, error }: SignInPage): string {
  const t = TEXT[language];
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const group = (kind: DemoAccount['kind'], legend: string) => {
    const members = accounts.filter((a) => a.kind === kind);
    if (members.length === 0) return '';
    return `<fieldset><legend>${legend}</legend><ul class="accounts">
${members.map((a) => accountOption(a, language, a.id === chosen)).join('\n')}
</ul></fieldset>`;
  };
  const errorText = error ? t[error] : null;
  const body = `<h1>${t.heading}</h1>
<p class="warning" id="dev-password">${t.warning} <code class="password">${html(password)}</code></p>
${errorText ? `<p class="error" role="alert" id="form-error">${errorText}</p>` : ''}
<form method="post" action="${action}/login" novalidate>
<input type="hidden" name="lang" value="${language}">
<h2>${t.chooseAccount}</h2>
${group('SUBJECT', t.subjects)}
${group('AUTHORITY', t.authorities)}
<p class="field"><label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required aria-describedby="password-hint${errorText ? ' form-error' : ''}"${error === 'wrongPassword' ? ' aria-invalid="true" autofocus' : ''}>
<span class="hint" id="password-hint">${t.passwordHint}</span></p>
<p class="actions"><button type="submit">${t.signIn}</button></p>
</form>
<form method="post" action="${action}/abort" class="cancel">
<input type="hidden" name="lang" value="${language}">
<button type="submit" class="secondary">${t.cancel}</button>
</form>`;
  return page(language, t.title, body, { switchHref: `${action}?lang=${language === 'zh' ? 'en' : 'zh'}` });
}

/**
 * The confirmation of a sign-out (RP-initiated logout): oidc-provider's form, with the two buttons.
 * When the site named the session's ID token (`id_token_hint`), the provider's own script submits
 * it at once (no prompt: the site asked, for this very session).
 */
export function signOutPage(language: Language, form: string, autoSubmit: boolean): string {
  const t = TEXT[language];
  const body = `<h1>${t.signOutHeading}</h1>
<p>${t.signOutText}</p>
${form}
<p class="actions"><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout" id="sign-out">${t.signOut}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t.stay}</button></p>`;
  return page(language, t.signOutTitle, body, { script: autoSubmit });
}

export function signedOutPage(language: Language): string {
  const t = TEXT[language];
  return page(language, t.signedOutTitle, `<h1>${t.signedOutHeading}</h1>`);
}

/** An error page: the OAuth error code only, never a stack or a detail of the provider. */
export function errorPage(language: Language, code: string): string {
  const t = TEXT[language];
  const body = `<h1>${t.errorHeading}</h1>
<p>${t.errorText}</p>
<p>${t.errorCode}: <code>${html(code.slice(0, 64))}</code></p>`;
  return page(language, t.errorTitle, body);
}

/** Submits the sign-out form the page carries when the page asked for it (the logout was the site's, by ID token). */
export const LOGOUT_SCRIPT = `document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('sign-out');
  if (button) button.click();
});
`;

export const STYLESHEET = `@font-face { font-family: "Noto Sans SC"; font-weight: 400; font-display: swap; src: local("Noto Sans CJK SC Regular"), local("NotoSansCJKsc-Regular"), local("Noto Sans SC Regular"), local("NotoSansSC-Regular"), local("PingFang SC Regular"), local("PingFangSC-Regular"), local("Microsoft YaHei"), url(${FONT_PATH}) format("woff2"); unicode-range: U+3000-303F, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FF00-FFEF; }
:root { color-scheme: light; font-family: "Noto Sans SC", system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; background: #f4f5f7; color: #1b1f24; }
header { display: flex; justify-content: space-between; align-items: center; padding: 0.75rem 1.5rem; background: #0b3d6e; color: #fff; }
header .brand { margin: 0; font-weight: 700; }
header .tag { font-weight: 400; font-size: 0.875rem; margin-left: 0.5rem; padding: 0.1rem 0.5rem; border: 1px solid #fff; border-radius: 0.25rem; }
header a.lang { color: #fff; }
main { max-width: 44rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px rgba(0,0,0,0.15); }
h1 { font-size: 1.5rem; margin-top: 0; }
h2 { font-size: 1.125rem; }
.warning { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 0.75rem; }
.error { background: #fde8e8; border-left: 4px solid #a4161a; color: #7a1014; padding: 0.75rem; font-weight: 700; }
code { font-family: "Noto Sans SC", ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #eef0f3; padding: 0 0.25rem; border-radius: 0.2rem; }
code.password { font-size: 1.1rem; font-weight: 700; white-space: nowrap; }
fieldset { border: 1px solid #c4c9d0; border-radius: 0.4rem; margin: 0 0 1rem; padding: 0.5rem 1rem; }
legend { font-weight: 700; padding: 0 0.25rem; }
ul.accounts { list-style: none; margin: 0; padding: 0; }
ul.accounts li { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.4rem 0; border-bottom: 1px solid #eceef1; }
ul.accounts li:last-child { border-bottom: 0; }
ul.accounts input { margin-top: 0.35rem; }
ul.accounts .name { font-weight: 700; }
ul.accounts .description { display: block; color: #4a525c; font-size: 0.9rem; }
.field label { display: block; font-weight: 700; }
.field input { font: inherit; padding: 0.4rem 0.5rem; width: 100%; max-width: 20rem; border: 1px solid #6b7480; border-radius: 0.25rem; }
.hint { display: block; color: #4a525c; font-size: 0.9rem; }
button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 0.25rem; border: 1px solid #0b3d6e; background: #0b3d6e; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b3d6e; }
:focus-visible { outline: 3px solid #d97706; outline-offset: 2px; }
form.cancel { margin-top: 0.5rem; }
`;
