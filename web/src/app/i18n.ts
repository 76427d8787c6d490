import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCommon from '../locales/zh/common.json';
import enCommon from '../locales/en/common.json';
import zhSubject from '../locales/zh/subject.json';
import enSubject from '../locales/en/subject.json';
import zhDesk from '../locales/zh/desk.json';
import enDesk from '../locales/en/desk.json';

/**
 * The site's languages: Chinese first, English on the switch. Each area keeps its own namespace
 * (`common`: the shell; `subject`: the subject's pages; `desk`: the authority's desk). The choice is
 * remembered in this browser and sets `<html lang>`.
 */
export const LANGUAGES = [
  { code: 'zh', htmlLang: 'zh-CN', label: '中文' },
  { code: 'en', htmlLang: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'credit-graph.language';

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyHtmlLang(language: string): void {
  document.documentElement.lang = LANGUAGES.find((l) => l.code === language)?.htmlLang ?? 'zh-CN';
}

export async function initI18n(): Promise<void> {
  await i18n.use(initReactI18next).init({
    lng: storedLanguage(),
    fallbackLng: 'zh',
    ns: ['common', 'subject', 'desk'],
    defaultNS: 'common',
    resources: {
      zh: { common: zhCommon, subject: zhSubject, desk: zhDesk },
      en: { common: enCommon, subject: enSubject, desk: enDesk },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyHtmlLang(i18n.language);
  i18n.on('languageChanged', (language) => {
    applyHtmlLang(language);
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // private browsing: the choice lasts for this page only
    }
  });
}

export default i18n;
