import type { Language } from '../i18n/createI18n.ts';

type Interval = 'day' | 'week' | 'month' | 'year';

/**
 * Every string the account page shows beyond the card fields (which are the checkout's), in
 * English: the catalog the others follow. Amounts and dates come formatted for the language.
 */
const en = {
  title: 'Your account',
  close: 'Close',
  back: 'Back',
  testMode: 'Test mode',
  plan: {
    title: 'Plan',
    none: 'You have no active plan.',
    price: {
      day: (price: string) => `${price} a day`,
      week: (price: string) => `${price} a week`,
      month: (price: string) => `${price} a month`,
      year: (price: string) => `${price} a year`,
    } satisfies Record<Interval, unknown>,
    renews: (date: string) => `Renews on ${date}`,
    endsOn: (date: string) => `Ends on ${date}`,
    changesOn: (plan: string, date: string) => `Changes to ${plan} on ${date}`,
    change: 'Change plan',
    cancel: 'Cancel plan',
    undo: 'Undo',
    undoCancellation: 'Keep my plan',
  },
  credits: {
    title: 'Credits left',
    cycle: 'This cycle',
    bundle: 'From bundles',
  },
  usage: {
    title: 'Usage this cycle',
    chart: (total: string, days: number) => `Usage per day: ${total} over ${days} days`,
    table: 'Usage per day, as a table',
    day: 'Day',
    amount: 'Usage',
    requests: 'Requests',
    none: 'No usage yet this cycle.',
  },
  bundles: {
    title: 'Buy credits',
    adds: (credits: string) => `Adds ${credits} of credit`,
    buy: (name: string) => `Buy ${name}`,
    pay: (price: string) => `Pay ${price}`,
    bought: (credits: string) => `Done: ${credits} of credit added.`,
    none: 'Your plan has no credit bundles.',
  },
  autoTopUp: {
    title: 'Auto top-up',
    explain: 'When your credits run out, buy a bundle automatically with your card on file.',
    toggle: 'Top up automatically',
    bundle: 'Bundle to buy',
    on: (name: string) => `Auto top-up is on: ${name}.`,
    off: 'Auto top-up is off.',
  },
  plans: {
    title: 'Change plan',
    upgrade: 'Starts now. What is left of this cycle is credited against the new price.',
    downgrade: (date: string) => `Starts when this cycle ends, on ${date}.`,
    choose: (plan: string) => `Change to ${plan}`,
    none: 'There is no other plan to change to.',
    changed: (plan: string) => `Your plan is now ${plan}.`,
    scheduled: (plan: string, date: string) => `Your plan changes to ${plan} on ${date}.`,
  },
  cancel: {
    title: 'Cancel plan',
    explain: (date: string) =>
      `Your plan stays until the end of this cycle, ${date}, and is not renewed. You can undo this until then.`,
    confirm: 'Cancel at the end of the cycle',
    keep: 'Keep my plan',
    done: (date: string) => `Your plan ends on ${date}.`,
    undone: 'Your plan continues.',
  },
  card: {
    title: 'Payment method',
    none: 'No card on file.',
    replace: 'Replace card',
    save: 'Save card',
    saved: 'Your new card is saved.',
  },
  payments: {
    title: 'Payments',
    none: 'No payments yet.',
    receipt: 'Receipt',
    view: (what: string, date: string) => `Receipt for ${what}, ${date}`,
    kind: {
      plan: 'Plan',
      bundle: 'Credit bundle',
      renewal: 'Renewal',
      top_up: 'Auto top-up',
      upgrade: 'Plan upgrade',
      other: 'Payment',
    },
    paidOn: 'Paid on',
    amount: 'Amount',
    for: 'For',
    card: 'Card',
    number: 'Receipt number',
    merchant: 'Paid to',
    print: 'Print',
  },
  ended: {
    expired: 'This page has expired',
    invalid: 'This account link is not valid',
    again: 'Close it and open your account again.',
  },
  errors: {
    invalid_state: 'That cannot be done with your plan as it is now.',
    generic: 'Something went wrong on our side. Try again.',
  },
};

export type AccountMessages = typeof en;

const es: AccountMessages = {
  title: 'Tu cuenta',
  close: 'Cerrar',
  back: 'Volver',
  testMode: 'Modo de prueba',
  plan: {
    title: 'Plan',
    none: 'No tienes ningún plan activo.',
    price: {
      day: (price) => `${price} al día`,
      week: (price) => `${price} a la semana`,
      month: (price) => `${price} al mes`,
      year: (price) => `${price} al año`,
    },
    renews: (date) => `Se renueva el ${date}`,
    endsOn: (date) => `Termina el ${date}`,
    changesOn: (plan, date) => `Cambia a ${plan} el ${date}`,
    change: 'Cambiar de plan',
    cancel: 'Cancelar el plan',
    undo: 'Deshacer',
    undoCancellation: 'Mantener mi plan',
  },
  credits: {
    title: 'Crédito disponible',
    cycle: 'Este ciclo',
    bundle: 'De paquetes',
  },
  usage: {
    title: 'Uso en este ciclo',
    chart: (total, days) => `Uso por día: ${total} en ${days} días`,
    table: 'Uso por día, como tabla',
    day: 'Día',
    amount: 'Uso',
    requests: 'Solicitudes',
    none: 'Aún no hay uso en este ciclo.',
  },
  bundles: {
    title: 'Comprar crédito',
    adds: (credits) => `Añade ${credits} de crédito`,
    buy: (name) => `Comprar ${name}`,
    pay: (price) => `Pagar ${price}`,
    bought: (credits) => `Listo: se añadieron ${credits} de crédito.`,
    none: 'Tu plan no tiene paquetes de crédito.',
  },
  autoTopUp: {
    title: 'Recarga automática',
    explain:
      'Cuando se acabe tu crédito, compra un paquete automáticamente con tu tarjeta registrada.',
    toggle: 'Recargar automáticamente',
    bundle: 'Paquete a comprar',
    on: (name) => `La recarga automática está activada: ${name}.`,
    off: 'La recarga automática está desactivada.',
  },
  plans: {
    title: 'Cambiar de plan',
    upgrade: 'Empieza ahora. Lo que queda de este ciclo se descuenta del nuevo precio.',
    downgrade: (date) => `Empieza al terminar este ciclo, el ${date}.`,
    choose: (plan) => `Cambiar a ${plan}`,
    none: 'No hay otro plan al que cambiar.',
    changed: (plan) => `Tu plan ahora es ${plan}.`,
    scheduled: (plan, date) => `Tu plan cambia a ${plan} el ${date}.`,
  },
  cancel: {
    title: 'Cancelar el plan',
    explain: (date) =>
      `Tu plan sigue hasta el final de este ciclo, el ${date}, y no se renueva. Puedes deshacerlo hasta entonces.`,
    confirm: 'Cancelar al final del ciclo',
    keep: 'Mantener mi plan',
    done: (date) => `Tu plan termina el ${date}.`,
    undone: 'Tu plan continúa.',
  },
  card: {
    title: 'Método de pago',
    none: 'No hay ninguna tarjeta registrada.',
    replace: 'Cambiar la tarjeta',
    save: 'Guardar la tarjeta',
    saved: 'Tu nueva tarjeta está guardada.',
  },
  payments: {
    title: 'Pagos',
    none: 'Aún no hay pagos.',
    receipt: 'Recibo',
    view: (what, date) => `Recibo de ${what}, ${date}`,
    kind: {
      plan: 'Plan',
      bundle: 'Paquete de crédito',
      renewal: 'Renovación',
      top_up: 'Recarga automática',
      upgrade: 'Mejora de plan',
      other: 'Pago',
    },
    paidOn: 'Pagado el',
    amount: 'Importe',
    for: 'Concepto',
    card: 'Tarjeta',
    number: 'Número de recibo',
    merchant: 'Pagado a',
    print: 'Imprimir',
  },
  ended: {
    expired: 'Esta página ha caducado',
    invalid: 'Este enlace de cuenta no es válido',
    again: 'Ciérrala y vuelve a abrir tu cuenta.',
  },
  errors: {
    invalid_state: 'Eso no se puede hacer con tu plan tal como está ahora.',
    generic: 'Algo salió mal de nuestro lado. Inténtalo de nuevo.',
  },
};

/** The account page's words, per language. */
export const ACCOUNT_MESSAGES: Readonly<Record<Language, AccountMessages>> = { en, es };
