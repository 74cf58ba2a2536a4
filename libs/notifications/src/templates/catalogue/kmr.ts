import { Catalogue } from './en';

/** Northern Kurdish (Kurmanji), Latin script. To be checked by a native speaker: see docs/languages.md. */
export const KMR: Catalogue = {
  'common.aTask': 'erkek',
  'common.aNeed': 'hewcedariyek',
  'common.aVolunteer': 'dilxwazek',
  'common.yourOrganisation': 'Rêxistina te',
  'common.remote': 'ji dûr ve',
  'common.soon': 'di demek nêzîk de',
  'common.quoted': '"{title}"',
  'common.taskTime': ' li {when}, {place}',
  'common.listItem': '• {title}, {when}',
  'email.greeting': 'Silav {name},',
  'email.signoff': '— Haven',

  'organization.approved.title': '{organization} hate pejirandin',
  'organization.approved.body':
    '{organization} li Haven hate kontrolkirin û pejirandin. Niha hûn dikarin hewcedarî û erkan biweşînin.',
  'organization.rejected.title': '{organization} nehate pejirandin',
  'organization.rejected.body':
    'Kontrola Haven {organization} nepejirand. Biryar û sedema wê li rûpela rêxistinê ne.',
  'organization.suspended.title': '{organization} hate rawestandin',
  'organization.suspended.body':
    '{organization} hate rawestandin: hewcedarî û erkên wê veşartî ne û heta ku ji nû ve neyê vegerandin tiştek nayê guhertin.',
  'organization.reinstated.title': '{organization} hate vegerandin',
  'organization.reinstated.body':
    '{organization} dîsa pejirandî ye; hewcedarî û erkên wê yên vekirî dîsa xuya dibin.',
  'organization.review_due.title': 'Dema kontrola nû ya rêxistinan hatiye',
  'organization.review_due.body':
    '{count, plural, one {# rêxistin gihîştiye} other {# rêxistin gihîştine}} dema nirxandinê. Li rêza kontrolê binêre.',
  'organization.invitation.title': '{organization} te vedixwîne',
  'organization.invitation.body':
    '{organization} te vedixwîne ku li Haven wek koordînator beşdar bibî. Berî {expires} di beşa Vexwendinan de qebûl bike an red bike; tenê heke tu qebûl bikî tu dibî endam.',
  'need.cancelled.title': 'Hate betalkirin: {need}',
  'need.cancelled.body':
    'Hewcedariya "{need}" bi erk û sozên xwe yên vekirî re hate betalkirin. Spas ji bo amadebûna te ya alîkariyê.',
  'task.changed.title': 'Hate guhertin: {task}',
  'task.changed.body': '{task} hate guhertin. Niha{taskTime} e.',
  'task.cancelled.title': 'Hate betalkirin: {task}',
  'task.cancelled.body': '{task}{taskTime} hate betalkirin. Cihê te hate berdan.',
  'signup.received.title': 'Tomarkirineke nû ji bo nirxandinê: {task}',
  'signup.received.body':
    'Dilxwazek ji bo {task}{taskTime} xwe tomar kir. Li rûpela tomarkirinên erkê binêre.',
  'signup.confirmed.title': 'Cihê te hate pejirandin: {task}',
  'signup.confirmed.body': 'Cihê te di {task}{taskTime} de hate pejirandin.',
  'signup.waitlisted.title': 'Tu di lîsteya bendewariyê de yî: {task}',
  'signup.waitlisted.body':
    '{task}{taskTime} tije ye. Tu di lîsteya bendewariyê de yî û heke cihek vala bibe dê ji te re bê gotin.',
  'signup.promoted.title': 'Cihek vala bû: {task}',
  'signup.promoted.body': 'Tu ji lîsteya bendewariyê derbasî pejirandiyan bûyî ji bo {task}{taskTime}.',
  'signup.declined.title': 'Vê carê na: {task}',
  'signup.declined.body':
    'Organîzatoran nikarîbûn tomarkirina te ya ji bo {task} qebûl bikin. Dibe ku erkên din li te bên: li pêşniyarên xwe binêre.',
  'signup.withdrawn.title': 'Te xwe vekişand: {task}',
  'signup.withdrawn.body': 'Tu êdî ji bo {task}{taskTime} tomarkirî nînî.',
  'signup.attendance_recorded.title': 'Spas: {task}',
  'signup.attendance_recorded.body':
    '{status, select, attended {Amadebûna te li {task} hate tomarkirin. Spas ji bo wextê te.} other {Tu wek neamade li {task} hatî tomarkirin. Heke ev şaş e, bi organîzatoran re têkilî dayne.}}',
  'signup.reminder.title': 'Sibê: {task}',
  'signup.reminder.body': 'Bîranîn: {task} dest pê dike{taskTime}.',
  'safeguarding.revoked.title': 'Destûra te ya parastinê hate betalkirin',
  'safeguarding.revoked.body':
    '{organization} destûra parastinê ya ku ji bo te tomar kiribû betal kir. {hasTasks, select, yes {Cihên te di van erkên ku parastin dixwazin de vegeriyan nirxandinê:{taskList}} other {Tu cihekî te yê pejirandî neguherî.}}',
  'safeguarding.revoked_review.title': 'Destûra parastinê hate betalkirin: {volunteer}',
  'safeguarding.revoked_review.body':
    'Destûra parastinê ya {volunteer} hate betalkirin. {hasTasks, select, yes {Cihên wan ên pejirandî di van erkan de vegeriyan nirxandinê, û lîsteyên bendewariyê pêş ve çûn:{taskList}} other {Di erkeke ku parastin dixwaze de cihekî wan ê pejirandî tune bû.}}',
  'safeguarding.expiring.title': 'Destûra parastinê di {validUntil} de diqede',
  'safeguarding.expiring.body':
    'Destûra parastinê ya ku {organization} ji bo {volunteer} tomar kiriye heta {validUntil} derbasdar e. Piştî wê rojê ew nikarin ji bo erkên wê yên ku parastin dixwazin bên pejirandin heta ku destûreke nû bê tomarkirin.',
  'account.inactive.title': 'Hesabê te yê Haven dê di {deleteOn} de were jêbirin',
  'account.inactive.body':
    'Te demeke dirêj e ku neketiye Haven. Hesabên ku nayên bikaranîn têne jêbirin: nav û navnîşana te ya e-nameyê têne rakirin û tenê hejmarên giştî yên bênav dimînin. Berî {deleteOn} têkeve da ku hesabê te bimîne.',
  'account.verify_email.subject': 'Navnîşana e-nameya xwe ji bo Haven piştrast bike',
  'account.verify_email.before': 'Ji kerema xwe vê girêdanê veke da ku piştrast bikî ku ev navnîşan a te ye:',
  'account.verify_email.after':
    'Girêdan tenê carekê dixebite, ji bo 24 saetan. Heta wê demê tu dikarî têkevî û li dora xwe binêrî, lê tu nikarî xwe ji bo karan tomar bikî, soz bidî an tiştekî biweşînî. Heke te li Haven hesab çênekiriye, guh nede vê e-nameyê.',
  'account.password_reset.subject': 'Şîfreya xwe ya Haven nû bike',
  'account.password_reset.before':
    'Kesekî, em hêvî dikin tu bûyî, xwest ku şîfreya hesabê te yê Haven were nûkirin. Li vir şîfreyeke nû hilbijêre:',
  'account.password_reset.after':
    'Girêdan tenê carekê dixebite, ji bo 30 deqeyan, û te ji hemû amûran derdixe. Heke te ev nexwestiye, guh nede vê e-nameyê: şîfreya te wekî xwe dimîne.',
  'digest.title': '{count, plural, one {# erkeke nû ku li te tê} other {# erkên nû ku li te tên}}',
  'digest.body': '{taskList}',

  'sms.signup.reminder':
    'Haven: bîranîn, {task} {when} dest pê dike, {place}. Ji bo rawestandinê STOP bişîne.',
  'sms.signup.promoted':
    'Haven: cihek vala bû. Tu niha ji bo {task} pejirandî yî, {when}, {place}. Ji bo rawestandinê STOP bişîne.',
  'sms.task.changed': 'Haven: {task} hate guhertin. Niha {when}, {place}. Ji bo rawestandinê STOP bişîne.',
  'sms.task.cancelled':
    'Haven: {task} ya {when} hate betalkirin. Cihê te hate berdan. Ji bo rawestandinê STOP bişîne.',
  'sms.need.cancelled':
    'Haven: {need} bi erkên xwe re hate betalkirin. Spas ji bo amadebûna te. Ji bo rawestandinê STOP bişîne.',
  'sms.phone.code':
    'Haven: koda te {code} e. 10 deqeyan derbasdar e. Heke te ew nexwestibe, guh nede vê peyamê.',
};
