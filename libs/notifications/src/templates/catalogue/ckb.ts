import { Catalogue } from './en';

/** Central Kurdish (Sorani), Arabic script, right to left. To be checked by a native speaker: see docs/languages.md. */
export const CKB: Catalogue = {
  'common.aTask': 'ئەرکێک',
  'common.aNeed': 'پێداویستییەک',
  'common.aVolunteer': 'خۆبەخشێک',
  'common.yourOrganisation': 'ڕێکخراوەکەت',
  'common.remote': 'لە دوورەوە',
  'common.soon': 'بەم زووانە',
  'common.quoted': '«{title}»',
  'common.taskTime': ' لە {when}، {place}',
  'common.listItem': '• {title}، {when}',
  'email.greeting': 'سڵاو {name}،',
  'email.signoff': '— Haven',

  'organization.approved.title': '{organization} پەسەند کرا',
  'organization.approved.body':
    '{organization} لە Haven پشکنرا و پەسەند کرا. ئێستا دەتوانن پێداویستی و ئەرک بڵاو بکەنەوە.',
  'organization.rejected.title': '{organization} پەسەند نەکرا',
  'organization.rejected.body':
    'پشکنینی Haven {organization}ی پەسەند نەکرد. بڕیارەکە و هۆکارەکەی لە پەڕەی ڕێکخراوەکەدان.',
  'organization.suspended.title': '{organization} ڕاگیرا',
  'organization.suspended.body':
    '{organization} ڕاگیرا: پێداویستی و ئەرکەکانی شاراونەتەوە و هیچ شتێک ناگۆڕدرێت تا دەگەڕێندرێتەوە.',
  'organization.reinstated.title': '{organization} گەڕێندرایەوە',
  'organization.reinstated.body':
    '{organization} دووبارە پەسەند کراوە؛ پێداویستی و ئەرکە کراوەکانی دیسان دەبینرێن.',
  'organization.review_due.title': 'کاتی دووبارە پشکنینی ڕێکخراوەکان هاتووە',
  'organization.review_due.body':
    '{count, plural, one {# ڕێکخراو گەیشتووەتە} other {# ڕێکخراو گەیشتوونەتە}} کاتی پێداچوونەوە. سەیری ڕیزی پشکنین بکە.',
  'organization.invitation.title': '{organization} بانگهێشتت دەکات',
  'organization.invitation.body':
    '{organization} بانگهێشتت دەکات وەک هەماهەنگکار لە Haven بەشداری بکەیت. پێش {expires} لە بەشی بانگهێشتەکان قبووڵی بکە یان ڕەتی بکەرەوە؛ تەنها ئەگەر قبووڵی بکەیت دەبیتە ئەندام.',
  'need.cancelled.title': 'هەڵوەشێندرایەوە: {need}',
  'need.cancelled.body':
    'پێداویستیی «{need}» لەگەڵ ئەرک و بەڵێنە کراوەکانی هەڵوەشێندرایەوە. سوپاس بۆ ئامادەییت بۆ یارمەتیدان.',
  'task.changed.title': 'گۆڕا: {task}',
  'task.changed.body': '{task} گوازرایەوە. ئێستا{taskTime}.',
  'task.cancelled.title': 'هەڵوەشێندرایەوە: {task}',
  'task.cancelled.body': '{task}{taskTime} هەڵوەشێندرایەوە. شوێنەکەت ئازاد کرا.',
  'signup.received.title': 'ناونووسینێکی نوێ بۆ پێداچوونەوە: {task}',
  'signup.received.body':
    'خۆبەخشێک بۆ {task}{taskTime} ناوی نووسی. لە پەڕەی ناونووسینەکانی ئەرکەکە پێیدا بچۆرەوە.',
  'signup.confirmed.title': 'شوێنەکەت پشتڕاست کرایەوە: {task}',
  'signup.confirmed.body': 'شوێنەکەت لە {task}{taskTime} پشتڕاست کرایەوە.',
  'signup.waitlisted.title': 'لە لیستی چاوەڕوانیدایت: {task}',
  'signup.waitlisted.body':
    '{task}{taskTime} پڕە. لە لیستی چاوەڕوانیدایت و ئەگەر شوێنێک بەتاڵ بوو ئاگادار دەکرێیتەوە.',
  'signup.promoted.title': 'شوێنێک بەتاڵ بوو: {task}',
  'signup.promoted.body': 'لە لیستی چاوەڕوانییەوە بۆ {task}{taskTime} پشتڕاست کرایەوە.',
  'signup.declined.title': 'ئەمجارە نا: {task}',
  'signup.declined.body':
    'ڕێکخەران نەیانتوانی ناونووسینەکەت بۆ {task} وەربگرن. لەوانەیە ئەرکی تر گونجاو بن: سەیری پێشنیارەکانت بکە.',
  'signup.withdrawn.title': 'کشایتەوە: {task}',
  'signup.withdrawn.body': 'ئیتر بۆ {task}{taskTime} ناوت نووسراو نییە.',
  'signup.attendance_recorded.title': 'سوپاس: {task}',
  'signup.attendance_recorded.body':
    '{status, select, attended {ئامادەبوونت لە {task} تۆمار کرا. سوپاس بۆ کاتەکەت.} other {وەک ئامادەنەبوو لە {task} تۆمار کرایت. ئەگەر هەڵەیە، پەیوەندی بە ڕێکخەرانەوە بکە.}}',
  'signup.reminder.title': 'سبەی: {task}',
  'signup.reminder.body': 'بیرخستنەوە: {task} دەست پێدەکات{taskTime}.',
  'safeguarding.revoked.title': 'مۆڵەتی پاراستنەکەت هەڵوەشێندرایەوە',
  'safeguarding.revoked.body':
    '{organization} ئەو مۆڵەتی پاراستنەی بۆی تۆمار کردبوویت هەڵیوەشاندەوە. {hasTasks, select, yes {شوێنەکانت لەم ئەرکانەی پێویستیان بە پاراستن هەیە گەڕانەوە بۆ پێداچوونەوە:{taskList}} other {هیچ کام لە شوێنە پشتڕاستکراوەکانت نەگۆڕا.}}',
  'safeguarding.revoked_review.title': 'مۆڵەتی پاراستن هەڵوەشێندرایەوە: {volunteer}',
  'safeguarding.revoked_review.body':
    'مۆڵەتی پاراستنی {volunteer} هەڵوەشێندرایەوە. {hasTasks, select, yes {شوێنە پشتڕاستکراوەکانی لەم ئەرکانە گەڕانەوە بۆ پێداچوونەوە و لیستی چاوەڕوانی پێشکەوت:{taskList}} other {هیچ شوێنێکی پشتڕاستکراوی لە ئەرکێکی پێویست بە پاراستن نەبوو.}}',
  'safeguarding.expiring.title': 'مۆڵەتی پاراستن لە {validUntil} کۆتایی دێت',
  'safeguarding.expiring.body':
    'ئەو مۆڵەتی پاراستنەی {organization} بۆ {volunteer} تۆماری کردووە تا {validUntil} دروستە. دوای ئەو ڕۆژە ناتوانرێت بۆ ئەرکەکانی کە پێویستیان بە پاراستن هەیە پشتڕاست بکرێتەوە تا مۆڵەتێکی نوێ تۆمار دەکرێت.',
  'account.inactive.title': 'هەژمارەکەت لە Haven لە {deleteOn} دەسڕدرێتەوە',
  'account.inactive.body':
    'ماوەیەکی زۆرە نەچوویتەتە ناو Haven. هەژمارە بەکارنەهاتووەکان دەسڕدرێنەوە: ناو و ئیمەیڵەکەت لادەبرێن و تەنها کۆی گشتی بێناو دەمێنێتەوە. پێش {deleteOn} بچۆ ژوورەوە بۆ ئەوەی هەژمارەکەت بمێنێتەوە.',
  'account.verify_email.subject': 'ئیمەیڵەکەت بۆ Haven پشتڕاست بکەرەوە',
  'account.verify_email.before': 'تکایە بە کردنەوەی ئەم بەستەرە پشتڕاستی بکەرەوە کە ئەم ناونیشانە هی تۆیە:',
  'account.verify_email.after':
    'بەستەرەکە تەنها یەک جار کار دەکات، بۆ ماوەی 24 کاتژمێر. تا ئەو کاتە دەتوانیت بچیتە ژوورەوە و سەیر بکەیت، بەڵام ناتوانیت بۆ ئەرکەکان ناو تۆمار بکەیت، بەڵێن بدەیت یان شت بڵاو بکەیتەوە. ئەگەر هەژمارت لە Haven دروست نەکردووە، گوێ بەم ئیمەیڵە مەدە.',
  'account.password_reset.subject': 'وشەی نهێنییەکەت لە Haven نوێ بکەرەوە',
  'account.password_reset.before':
    'کەسێک، هیوادارین تۆ بیت، داوای نوێکردنەوەی وشەی نهێنیی هەژمارەکەتی لە Haven کردووە. لێرە وشەیەکی نهێنیی نوێ هەڵبژێرە:',
  'account.password_reset.after':
    'بەستەرەکە تەنها یەک جار کار دەکات، بۆ ماوەی 30 خولەک، و لە هەموو ئامێرەکان دەتباتە دەرەوە. ئەگەر داوات نەکردووە، گوێ بەم ئیمەیڵە مەدە: وشەی نهێنییەکەت وەک خۆی دەمێنێتەوە.',
  'digest.title': '{count, plural, one {# ئەرکی نوێ کە بۆت دەگونجێت} other {# ئەرکی نوێ کە بۆت دەگونجێن}}',
  'digest.body': '{taskList}',

  'sms.signup.reminder': 'Haven: بیرخستنەوە، {task} {when} دەست پێدەکات، {place}. بۆ ڕاگرتن STOP بنێرە',
  'sms.signup.promoted':
    'Haven: شوێنێک بەتاڵ بوو، بۆ {task} پشتڕاست کرایەوە، {when}، {place}. بۆ ڕاگرتن STOP بنێرە',
  'sms.task.changed': 'Haven: {task} گۆڕا. ئێستا {when}، {place}. بۆ ڕاگرتن STOP بنێرە',
  'sms.task.cancelled': 'Haven: {task} لە {when} هەڵوەشێندرایەوە. شوێنەکەت ئازاد کرا. بۆ ڕاگرتن STOP بنێرە',
  'sms.need.cancelled':
    'Haven: {need} لەگەڵ ئەرکەکانی هەڵوەشێندرایەوە. سوپاس بۆ ئامادەییت. بۆ ڕاگرتن STOP بنێرە',
  'sms.phone.code': 'Haven: کۆدەکەت {code}ە. بۆ 10 خولەک کار دەکات. ئەگەر داوات نەکردووە، پشتگوێی بخە.',
};
