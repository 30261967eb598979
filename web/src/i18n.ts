// Every string the UI shows, in French (default) and English. The English dictionary is
// typed against the French one, so a missing key fails the build; i18n.test.ts also checks.

export const fr = {
  'app.title': 'quai — bureau de validation',
  'nav.queue': 'À valider',
  'nav.documents': 'Documents',
  'nav.upload': 'Déposer',
  'nav.logout': 'Se déconnecter',
  'lang.switch': 'English',
  'lang.switch.title': 'Switch to English',

  'login.title': 'Connexion',
  'login.username': 'Identifiant',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.failed': 'Identifiant ou mot de passe incorrect.',
  'login.rate_limited': 'Trop de tentatives. Réessayez dans quelques minutes.',
  'login.error': 'Connexion impossible : {message}',

  'queue.title': 'Documents à valider',
  'queue.empty': 'Rien à valider. Tout est à jour.',
  'queue.count': '{n} document(s) en attente',
  'queue.why': 'Pourquoi',
  'queue.oldest': 'Les plus anciens d’abord.',

  'docs.title': 'Documents',
  'docs.search': 'Rechercher (nom de fichier, valeur…)',
  'docs.status.any': 'Tous les statuts',
  'docs.type.any': 'Tous les types',
  'docs.supplier': 'Fournisseur',
  'docs.empty': 'Aucun document ne correspond.',
  'docs.page': '{from}–{to} sur {total}',
  'docs.prev': 'Précédent',
  'docs.next': 'Suivant',

  'col.id': 'N°',
  'col.file': 'Fichier',
  'col.type': 'Type',
  'col.supplier': 'Fournisseur',
  'col.status': 'Statut',
  'col.pages': 'Pages',
  'col.received': 'Reçu le',
  'col.reasons': 'Pourquoi',

  'upload.title': 'Déposer des documents',
  'upload.drop': 'Glissez ici vos bons de livraison, certificats, factures ou fiches de sécurité (PDF, PNG, JPEG, TIFF)',
  'upload.pick': 'ou choisissez des fichiers',
  'upload.sending': 'Envoi… {pct} %',
  'upload.done': 'Envoyé.',
  'upload.failed': 'Échec de l’envoi : {message}',
  'upload.duplicate': 'déjà reçu',
  'upload.refused': 'refusé',
  'upload.open': 'Ouvrir',
  'upload.results': 'Documents déposés',

  'status.received': 'En lecture',
  'status.refused': 'Refusé à la lecture',
  'status.needs_review': 'À valider',
  'status.auto_accepted': 'Accepté automatiquement',
  'status.validated': 'Validé',
  'status.rejected': 'Rejeté',
  'status.duplicate': 'Doublon',

  'type.delivery_note': 'Bon de livraison',
  'type.certificate_of_conformity': 'Certificat de conformité',
  'type.invoice': 'Facture',
  'type.safety_data_sheet': 'Fiche de données de sécurité',
  'type.other': 'Autre',

  'review.fields': 'Champs',
  'review.lines': 'Lignes',
  'review.history': 'Historique',
  'review.findings': 'Anomalies',
  'review.validate': 'Valider',
  'review.validate.hint': 'Ctrl+Entrée : valider et ouvrir le suivant',
  'review.reject': 'Rejeter',
  'review.reject.reason': 'Motif du rejet',
  'review.reject.confirm': 'Confirmer le rejet',
  'review.reject.cancel': 'Annuler',
  'review.reject.need_reason': 'Indiquez un motif.',
  'review.page': 'Page {n} / {total}',
  'review.prev_page': 'Page précédente',
  'review.next_page': 'Page suivante',
  'review.zoom_in': 'Agrandir',
  'review.zoom_out': 'Réduire',
  'review.zoom_fit': 'Ajuster',
  'review.missing': 'manquant',
  'review.required': 'obligatoire',
  'review.confidence': 'confiance {pct} %',
  'review.corrected': 'corrigé',
  'review.pick_hint': 'Choisissez un champ, puis cliquez un mot sur la page (ou tracez un cadre).',
  'review.picking': 'Cliquez un mot ou tracez un cadre sur la page pour remplir « {field} ».',
  'review.saved': 'Enregistré : {field}',
  'review.save_failed': 'Non enregistré : {message}',
  'review.validated': 'Document {id} validé.',
  'review.rejected': 'Document {id} rejeté.',
  'review.no_next': 'Plus rien à valider.',
  'review.add_line': 'Ajouter une ligne',
  'review.remove_line': 'Supprimer la ligne {n}',
  'review.no_lines': 'Aucune ligne.',
  'review.type': 'Type de document',
  'review.status': 'Statut : {status}',
  'review.validated_by': 'Validé par {user} le {at}',
  'review.rejected_reason': 'Rejeté : {reason}',
  'review.not_read': 'Ce document est encore en lecture…',
  'review.refused': 'Ce document n’a pas pu être lu : {message}',
  'review.document_findings': 'Anomalies du document',
  'review.evidence': 'Indice',
  'review.why': 'Pourquoi une personne doit regarder ({n})',
  'review.loading': 'Chargement…',
  'review.not_found': 'Document introuvable.',
  'review.clear': 'Effacer',
  'review.download': 'Original',

  'event.received': 'reçu',
  'event.extracted': 'lu par la machine',
  'event.field_corrected': 'champ corrigé',
  'event.line_corrected': 'ligne corrigée',
  'event.line_added': 'ligne ajoutée',
  'event.line_removed': 'ligne supprimée',
  'event.type_changed': 'type changé',
  'event.validated': 'validé',
  'event.rejected': 'rejeté',
  'event.empty': 'Aucun événement.',

  'error.generic': 'Erreur : {message}',
  'error.forbidden': 'Votre rôle ne permet pas cette action.',
  'error.session': 'Session expirée, reconnectez-vous.',

  'field.supplier_name': 'Fournisseur',
  'field.delivery_note_number': 'N° de bon de livraison',
  'field.delivery_date': 'Date de livraison',
  'field.po_number': 'N° de commande',
  'field.certificate_number': 'N° de certificat',
  'field.issue_date': 'Date d’émission',
  'field.article_code': 'Code article',
  'field.lot_number': 'N° de lot',
  'field.expiry_date': 'Date de péremption',
  'field.invoice_number': 'N° de facture',
  'field.invoice_date': 'Date de facture',
  'field.due_date': 'Échéance',
  'field.supplier_vat_number': 'N° TVA fournisseur',
  'field.currency': 'Devise',
  'field.total_excl_tax': 'Total HT',
  'field.total_tax': 'Total TVA',
  'field.total_incl_tax': 'Total TTC',
  'field.product_name': 'Produit',
  'field.revision_date': 'Date de révision',
  'field.version': 'Version',
  'field.un_number': 'N° ONU',
  'field.hazard_statements': 'Mentions de danger',
  'field.supplier_article_code': 'Réf. fournisseur',
  'field.internal_article_code': 'Réf. interne',
  'field.description': 'Désignation',
  'field.quantity': 'Quantité',
  'field.unit': 'Unité',
  'field.unit_price': 'Prix unitaire',
  'field.amount': 'Montant',
};

export type Key = keyof typeof fr;
export const en: Record<Key, string> = {
  'app.title': 'quai — review desk',
  'nav.queue': 'To review',
  'nav.documents': 'Documents',
  'nav.upload': 'Upload',
  'nav.logout': 'Log out',
  'lang.switch': 'Français',
  'lang.switch.title': 'Passer en français',

  'login.title': 'Log in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Wrong user name or password.',
  'login.rate_limited': 'Too many attempts. Try again in a few minutes.',
  'login.error': 'Cannot log in: {message}',

  'queue.title': 'Documents to review',
  'queue.empty': 'Nothing to review. All caught up.',
  'queue.count': '{n} document(s) waiting',
  'queue.why': 'Why',
  'queue.oldest': 'Oldest first.',

  'docs.title': 'Documents',
  'docs.search': 'Search (file name, value…)',
  'docs.status.any': 'Any status',
  'docs.type.any': 'Any type',
  'docs.supplier': 'Supplier',
  'docs.empty': 'No document matches.',
  'docs.page': '{from}–{to} of {total}',
  'docs.prev': 'Previous',
  'docs.next': 'Next',

  'col.id': 'No.',
  'col.file': 'File',
  'col.type': 'Type',
  'col.supplier': 'Supplier',
  'col.status': 'Status',
  'col.pages': 'Pages',
  'col.received': 'Received',
  'col.reasons': 'Why',

  'upload.title': 'Upload documents',
  'upload.drop': 'Drop delivery notes, certificates, invoices or safety data sheets here (PDF, PNG, JPEG, TIFF)',
  'upload.pick': 'or choose files',
  'upload.sending': 'Sending… {pct} %',
  'upload.done': 'Sent.',
  'upload.failed': 'Upload failed: {message}',
  'upload.duplicate': 'already received',
  'upload.refused': 'refused',
  'upload.open': 'Open',
  'upload.results': 'Uploaded documents',

  'status.received': 'Being read',
  'status.refused': 'Could not be read',
  'status.needs_review': 'To review',
  'status.auto_accepted': 'Auto-accepted',
  'status.validated': 'Validated',
  'status.rejected': 'Rejected',
  'status.duplicate': 'Duplicate',

  'type.delivery_note': 'Delivery note',
  'type.certificate_of_conformity': 'Certificate of conformity',
  'type.invoice': 'Invoice',
  'type.safety_data_sheet': 'Safety data sheet',
  'type.other': 'Other',

  'review.fields': 'Fields',
  'review.lines': 'Lines',
  'review.history': 'History',
  'review.findings': 'Findings',
  'review.validate': 'Validate',
  'review.validate.hint': 'Ctrl+Enter: validate and open the next one',
  'review.reject': 'Reject',
  'review.reject.reason': 'Reason for rejecting',
  'review.reject.confirm': 'Confirm rejection',
  'review.reject.cancel': 'Cancel',
  'review.reject.need_reason': 'Give a reason.',
  'review.page': 'Page {n} / {total}',
  'review.prev_page': 'Previous page',
  'review.next_page': 'Next page',
  'review.zoom_in': 'Zoom in',
  'review.zoom_out': 'Zoom out',
  'review.zoom_fit': 'Fit',
  'review.missing': 'missing',
  'review.required': 'required',
  'review.confidence': 'confidence {pct} %',
  'review.corrected': 'corrected',
  'review.pick_hint': 'Choose a field, then click a word on the page (or drag a box).',
  'review.picking': 'Click a word or drag a box on the page to fill “{field}”.',
  'review.saved': 'Saved: {field}',
  'review.save_failed': 'Not saved: {message}',
  'review.validated': 'Document {id} validated.',
  'review.rejected': 'Document {id} rejected.',
  'review.no_next': 'Nothing left to review.',
  'review.add_line': 'Add a line',
  'review.remove_line': 'Remove line {n}',
  'review.no_lines': 'No lines.',
  'review.type': 'Document type',
  'review.status': 'Status: {status}',
  'review.validated_by': 'Validated by {user} on {at}',
  'review.rejected_reason': 'Rejected: {reason}',
  'review.not_read': 'This document is still being read…',
  'review.refused': 'This document could not be read: {message}',
  'review.document_findings': 'Document findings',
  'review.evidence': 'Evidence',
  'review.why': 'Why a person must look ({n})',
  'review.loading': 'Loading…',
  'review.not_found': 'Document not found.',
  'review.clear': 'Clear',
  'review.download': 'Original',

  'event.received': 'received',
  'event.extracted': 'read by the machine',
  'event.field_corrected': 'field corrected',
  'event.line_corrected': 'line corrected',
  'event.line_added': 'line added',
  'event.line_removed': 'line removed',
  'event.type_changed': 'type changed',
  'event.validated': 'validated',
  'event.rejected': 'rejected',
  'event.empty': 'No events.',

  'error.generic': 'Error: {message}',
  'error.forbidden': 'Your role does not allow this.',
  'error.session': 'Session expired, log in again.',

  'field.supplier_name': 'Supplier',
  'field.delivery_note_number': 'Delivery note no.',
  'field.delivery_date': 'Delivery date',
  'field.po_number': 'PO number',
  'field.certificate_number': 'Certificate no.',
  'field.issue_date': 'Issue date',
  'field.article_code': 'Article code',
  'field.lot_number': 'Lot number',
  'field.expiry_date': 'Expiry date',
  'field.invoice_number': 'Invoice no.',
  'field.invoice_date': 'Invoice date',
  'field.due_date': 'Due date',
  'field.supplier_vat_number': 'Supplier VAT no.',
  'field.currency': 'Currency',
  'field.total_excl_tax': 'Total excl. tax',
  'field.total_tax': 'Total tax',
  'field.total_incl_tax': 'Total incl. tax',
  'field.product_name': 'Product',
  'field.revision_date': 'Revision date',
  'field.version': 'Version',
  'field.un_number': 'UN number',
  'field.hazard_statements': 'Hazard statements',
  'field.supplier_article_code': 'Supplier article code',
  'field.internal_article_code': 'Internal article code',
  'field.description': 'Description',
  'field.quantity': 'Quantity',
  'field.unit': 'Unit',
  'field.unit_price': 'Unit price',
  'field.amount': 'Amount',
};

export type Lang = 'fr' | 'en';
export const dictionaries: Record<Lang, Record<Key, string>> = { fr, en };

const STORAGE_KEY = 'quai.lang';
let current: Lang = 'fr';

export function initLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  const saved = storage?.getItem(STORAGE_KEY);
  current = saved === 'en' ? 'en' : 'fr';
  return current;
}

export function setLang(lang: Lang, storage?: Pick<Storage, 'setItem'>): void {
  current = lang;
  storage?.setItem(STORAGE_KEY, lang);
}

export function lang(): Lang { return current; }

/** The string for `key` in the current language with `{name}` placeholders filled. */
export function t(key: Key, params?: Record<string, string | number>): string {
  let s = dictionaries[current][key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split('{' + k + '}').join(String(v));
  return s;
}

/** A label for a key that may not be in the dictionaries (fields, types, statuses from config). */
export function tOr(key: string, fallback: string): string {
  const d = dictionaries[current] as Record<string, string>;
  return d[key] ?? fallback;
}

export const fieldLabel = (name: string) => tOr('field.' + name, name.replace(/_/g, ' '));
export const typeLabel = (name: string | null | undefined) => (name ? tOr('type.' + name, name) : '—');
export const statusLabel = (name: string) => tOr('status.' + name, name);
export const eventLabel = (name: string) => tOr('event.' + name, name);

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return d.toLocaleString(current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}
