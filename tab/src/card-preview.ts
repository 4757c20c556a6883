import * as AC from 'adaptivecards';
import MarkdownIt from 'markdown-it';

/**
 * Renders Adaptive Cards in the page as Teams shows them, for the Administration part's module
 * preview. Its own script, loaded only when a preview is opened: the renderer and its markdown are
 * about a tenth of the page's size, and only the security officer and the data protection officer need them.
 */

export type PreviewTheme = 'default' | 'dark' | 'contrast';

/** Teams' look in each theme: its font, text colours and horizontal buttons. */
function hostConfig(theme: PreviewTheme): AC.HostConfig {
  const text = theme === 'default' ? { default: '#242424', subtle: '#616161' } : { default: '#FFFFFF', subtle: '#D6D6D6' };
  const background = theme === 'default' ? '#FFFFFF' : theme === 'dark' ? '#292929' : '#000000';
  const emphasis = theme === 'default' ? '#F5F5F5' : theme === 'dark' ? '#1F1F1F' : '#000000';
  const colors = {
    default: text,
    dark: { default: '#242424', subtle: '#616161' },
    light: { default: '#FFFFFF', subtle: '#D6D6D6' },
    accent: theme === 'default' ? { default: '#4F52B2', subtle: '#6264A7' } : { default: '#9EA2FF', subtle: '#C5C7FF' },
    good: theme === 'default' ? { default: '#0B6A0B', subtle: '#107C10' } : { default: '#92C353', subtle: '#A7D27C' },
    warning: theme === 'default' ? { default: '#835B00', subtle: '#986F0B' } : { default: '#F8D22A', subtle: '#FBE07A' },
    attention: theme === 'default' ? { default: '#C4314B', subtle: '#A4262C' } : { default: '#F9526B', subtle: '#FF8A9C' },
  };
  return new AC.HostConfig({
    fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 24, padding: 16 },
    supportsInteractivity: true,
    // A card's heading sits under the dialog's title: without a level, the renderer's role="heading" has none (axe: aria-required-attr).
    textBlock: { headingLevel: 3 },
    containerStyles: {
      default: { backgroundColor: background, foregroundColors: colors },
      emphasis: { backgroundColor: emphasis, foregroundColors: colors },
      good: { backgroundColor: emphasis, foregroundColors: colors },
      attention: { backgroundColor: emphasis, foregroundColors: colors },
      warning: { backgroundColor: emphasis, foregroundColors: colors },
      accent: { backgroundColor: emphasis, foregroundColors: colors },
    },
    actions: { maxActions: 6, actionsOrientation: 'horizontal', actionAlignment: 'left', buttonSpacing: 8, spacing: 'default', showCard: { actionMode: 'inline', inlineTopMargin: 8 } },
  });
}

// Teams renders a card's markdown; raw HTML in a card's text is shown as text, never run.
const markdown = new MarkdownIt({ html: false, linkify: false, breaks: false });
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

/** One card as an element. Its buttons are shown but do nothing: they work in Teams. */
function render(card: object, theme: PreviewTheme): HTMLElement {
  const adaptive = new AC.AdaptiveCard();
  adaptive.hostConfig = hostConfig(theme);
  adaptive.onExecuteAction = () => undefined;
  adaptive.parse(card);
  const element = adaptive.render() ?? document.createElement('div');
  for (const button of Array.from(element.querySelectorAll('button'))) button.setAttribute('aria-disabled', 'true');
  return element;
}

(window as unknown as { infosakCards: { render: typeof render } }).infosakCards = { render };
