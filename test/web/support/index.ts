/** The browser-test harness: Chromium with the network cut, axe, screenshots, and the web's stack. */
export { launchBrowser, closeChromium, describeInBrowser, checkAccessibility, screenshot, chromiumPath, isLocalUrl, SCREENSHOTS, type WebBrowser, type AccessibilityOptions } from './browser';
export { startWebStack, type WebStack, type WebStackOptions } from './stack';
