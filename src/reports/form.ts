import { z } from 'zod';
import { UserError, reply, type FormDef, type Reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { FormRequest } from '../platform.js';
import { startReport } from './flow.js';
import { checkText, MAX_TEXT } from './service.js';

/**
 * A report as one form where the platform has forms (a Discord modal): what is wrong and where.
 * The submit starts the same draft as /meld with text, so the rest (is it a known report, which
 * category, private or not) is asked as in the conversation.
 */

export const MAX_LOCATION = 100;

export function reportForm(): FormRequest {
  return {
    title: msg('reports.form.title'), action: 'rep:form',
    fields: [
      { id: 'text', label: msg('reports.form.text'), style: 'long', required: true, maxLength: MAX_TEXT, placeholder: msg('reports.form.textPlaceholder') },
      { id: 'location', label: msg('reports.form.location'), style: 'short', required: false, maxLength: MAX_LOCATION, placeholder: msg('reports.form.locationPlaceholder') },
    ],
  };
}

export function askReportForm(): Reply {
  return reply(msg('reports.form.intro'), { form: reportForm() });
}

/** The submit as typed: anything but text counts as empty (and the text is then asked for by checkText). */
const submitted = z.object({ text: z.string().catch(''), location: z.string().catch('') });

export const reportForms: FormDef[] = [{
  prefix: 'rep:form',
  requires: 'complex',
  async run(ctx, _args, values) {
    const { text, location } = submitted.parse(values);
    const where = location.trim().replace(/\s+/g, ' ');
    if (where.length > MAX_LOCATION) throw new UserError(msg('reports.error.longLocation', { max: MAX_LOCATION }));
    return startReport(ctx, { text: checkText(text), photo: null, location: where });
  },
}];
