// The yardstick of `npm run bench -- echo`: a bare telegraf echo bot (long polling, telegraf's defaults).
// It echoes every text as a reply and acknowledges every button press; no database, no logic.
import { Telegraf } from 'telegraf';

const bot = new Telegraf(process.env.TELEGRAM_BOT_TOKEN!, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT! } });
bot.on('callback_query', (ctx) => ctx.answerCbQuery());
bot.on('message', (ctx) => ('text' in ctx.message
  ? ctx.reply(ctx.message.text, { reply_parameters: { message_id: ctx.message.message_id } }) : undefined));
process.once('SIGTERM', () => bot.stop('SIGTERM'));
await bot.launch(() => console.log('ready'));
