import { Catalogue } from './en';

/** Arabic (Modern Standard, plain and calm). Right to left: the e-mail sets dir="rtl". */
export const AR: Catalogue = {
  'common.aTask': 'مهمة',
  'common.aNeed': 'احتياج',
  'common.aVolunteer': 'متطوع',
  'common.yourOrganisation': 'منظمتك',
  'common.remote': 'عن بُعد',
  'common.soon': 'قريبًا',
  'common.quoted': '«{title}»',
  'common.taskTime': ' في {when}، {place}',
  'common.listItem': '• {title}، {when}',
  'email.greeting': 'مرحبًا {name}،',
  'email.signoff': '— Haven',

  'organization.approved.title': 'تمت الموافقة على {organization}',
  'organization.approved.body':
    'تم التحقق من {organization} والموافقة عليها في Haven. يمكنكم الآن نشر الاحتياجات والمهام.',
  'organization.rejected.title': 'لم تتم الموافقة على {organization}',
  'organization.rejected.body':
    'لم يوافق فريق التحقق في Haven على {organization}. القرار وسببه موجودان في صفحة المنظمة.',
  'organization.suspended.title': 'تم تعليق {organization}',
  'organization.suspended.body':
    'تم تعليق {organization}: احتياجاتها ومهامها مخفية، ولا يمكن تغيير شيء حتى تُعاد.',
  'organization.reinstated.title': 'أُعيدت {organization}',
  'organization.reinstated.body':
    '{organization} معتمدة من جديد، واحتياجاتها ومهامها المفتوحة ظاهرة مرة أخرى.',
  'organization.review_due.title': 'منظمات حان موعد إعادة التحقق منها',
  'organization.review_due.body':
    '{count, plural, zero {لا توجد منظمات بلغت} one {منظمة واحدة بلغت} two {منظمتان بلغتا} few {# منظمات بلغت} many {# منظمة بلغت} other {# منظمة بلغت}} موعد المراجعة. راجعوا قائمة التحقق.',
  'organization.invitation.title': '{organization} تدعوك للانضمام',
  'organization.invitation.body':
    '{organization} تدعوك للانضمام إليها في Haven بصفة منسق. اقبل الدعوة أو ارفضها من قسم الدعوات في Haven قبل {expires}؛ لن تنضم إلا إذا قبلت.',
  'need.cancelled.title': 'أُلغي: {need}',
  'need.cancelled.body': 'أُلغي الاحتياج «{need}» مع مهامه والتعهدات المفتوحة. شكرًا لك على استعدادك للمساعدة.',
  'task.changed.title': 'تغيير: {task}',
  'task.changed.body': 'تغيّر موعد {task} أو مكانها. أصبحت الآن{taskTime}.',
  'task.cancelled.title': 'أُلغيت: {task}',
  'task.cancelled.body': 'أُلغيت {task}{taskTime}. لم يعد مكانك محجوزًا.',
  'signup.received.title': 'تسجيل جديد للمراجعة: {task}',
  'signup.received.body': 'سجّل متطوع في {task}{taskTime}. يمكنك مراجعته في صفحة التسجيلات الخاصة بالمهمة.',
  'signup.confirmed.title': 'تم تأكيد مكانك: {task}',
  'signup.confirmed.body': 'تم تأكيد مكانك في {task}{taskTime}.',
  'signup.waitlisted.title': 'أنت على قائمة الانتظار: {task}',
  'signup.waitlisted.body': '{task}{taskTime} مكتملة. أنت على قائمة الانتظار، وسنخبرك إذا توفر مكان.',
  'signup.promoted.title': 'توفر مكان: {task}',
  'signup.promoted.body': 'انتقلت من قائمة الانتظار إلى المؤكَّدين في {task}{taskTime}.',
  'signup.declined.title': 'ليس هذه المرة: {task}',
  'signup.declined.body':
    'لم يتمكن المنظمون من قبول تسجيلك في {task}. قد تناسبك مهام أخرى: اطّلع على المهام المقترحة لك.',
  'signup.withdrawn.title': 'انسحبت من: {task}',
  'signup.withdrawn.body': 'لم تعد مسجلًا في {task}{taskTime}.',
  'signup.attendance_recorded.title': 'شكرًا لك: {task}',
  'signup.attendance_recorded.body':
    '{status, select, attended {سُجّل حضورك في {task}. شكرًا لك على وقتك.} other {سُجّلت غائبًا عن {task}. إذا كان هذا خطأ، فتواصل مع المنظمين.}}',
  'signup.reminder.title': 'غدًا: {task}',
  'signup.reminder.body': 'تذكير: تبدأ {task}{taskTime}.',
  'safeguarding.revoked.title': 'أُلغي تصريح الحماية الخاص بك',
  'safeguarding.revoked.body':
    'ألغت {organization} تصريح الحماية الذي سجلته لك. {hasTasks, select, yes {أماكنك في هذه المهام التي تتطلب تصريح حماية عادت إلى المراجعة:{taskList}} other {لم يتغير أي من أماكنك المؤكدة.}}',
  'safeguarding.revoked_review.title': 'أُلغي تصريح الحماية: {volunteer}',
  'safeguarding.revoked_review.body':
    'أُلغي تصريح الحماية الخاص بـ {volunteer}. {hasTasks, select, yes {عادت أماكنه المؤكدة في هذه المهام إلى المراجعة، وتقدمت قوائم الانتظار:{taskList}} other {لم يكن له مكان مؤكد في مهمة تتطلب تصريح حماية.}}',
  'safeguarding.expiring.title': 'ينتهي تصريح الحماية في {validUntil}',
  'safeguarding.expiring.body':
    'تصريح الحماية الذي سجلته {organization} لـ {volunteer} صالح حتى {validUntil}. بعد ذلك اليوم لا يمكن تأكيده في مهامها التي تتطلب تصريح حماية حتى يُسجَّل تصريح جديد.',
  'account.inactive.title': 'سيُحذف حسابك في Haven في {deleteOn}',
  'account.inactive.body':
    'لم تسجّل الدخول إلى Haven منذ وقت طويل. تُحذف الحسابات غير المستخدمة: يُزال اسمك وعنوان بريدك الإلكتروني ولا يبقى إلا مجاميع مجهولة الهوية. سجّل الدخول قبل {deleteOn} للاحتفاظ بحسابك.',
  'account.verify_email.subject': 'أكّد عنوان بريدك الإلكتروني في Haven',
  'account.verify_email.before': 'يُرجى تأكيد أن هذا العنوان لك بفتح هذا الرابط:',
  'account.verify_email.after':
    'يعمل الرابط مرة واحدة، لمدة 24 ساعة. حتى ذلك الحين يمكنك تسجيل الدخول والاطلاع على الموقع، لكن لا يمكنك التسجيل في المهام أو التعهد بالتبرع أو النشر. إن لم تُنشئ حسابًا في Haven، فتجاهل هذه الرسالة.',
  'account.password_reset.subject': 'إعادة تعيين كلمة المرور في Haven',
  'account.password_reset.before':
    'طلب أحدٌ، ونرجو أن تكون أنت، إعادة تعيين كلمة مرور حسابك في Haven. اختر كلمة مرور جديدة من هنا:',
  'account.password_reset.after':
    'يعمل الرابط مرة واحدة، لمدة 30 دقيقة، ويُخرجك من حسابك على كل الأجهزة. إن لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
  'digest.title':
    '{count, plural, zero {لا مهام جديدة تناسبك} one {مهمة جديدة تناسبك} two {مهمتان جديدتان تناسبانك} few {# مهام جديدة تناسبك} many {# مهمة جديدة تناسبك} other {# مهمة جديدة تناسبك}}',
  'digest.body': '{taskList}',

  'sms.signup.reminder': 'Haven: تذكير، تبدأ {task} {when}، {place}. للإيقاف أرسل STOP',
  'sms.signup.promoted': 'Haven: توفر مكان وتأكد تسجيلك في {task}، {when}، {place}. للإيقاف أرسل STOP',
  'sms.task.changed': 'Haven: تغيّرت {task}. الموعد الجديد {when}، {place}. للإيقاف أرسل STOP',
  'sms.task.cancelled': 'Haven: أُلغيت {task} في {when}. لم يعد مكانك محجوزًا. للإيقاف أرسل STOP',
  'sms.need.cancelled': 'Haven: أُلغي {need} مع مهامه. شكرًا لاستعدادك للمساعدة. للإيقاف أرسل STOP',
  'sms.phone.code': 'Haven: رمزك هو {code}. صالح لمدة 10 دقائق. إذا لم تطلبه فتجاهل هذه الرسالة.',
};
