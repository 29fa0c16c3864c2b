import type { ErrorDetails, Messages } from './en.ts';
import { ourSideErrors } from './ourSideErrors.ts';

const tries = (left: number) => (left === 1 ? '1 intento' : `${left} intentos`);
const SOMETHING_WRONG = 'Algo salió mal de nuestro lado. Inténtalo de nuevo.';

/** Every string the checkout page shows, in Spanish. */
export const es: Messages = {
  summary: {
    testMode: 'Modo de prueba',
    orderSummary: 'Resumen del pedido',
    dueToday: 'A pagar hoy',
    nothingDue: 'Nada',
    renews: {
      day: (date) => `Se renueva cada día, el próximo el ${date}`,
      week: (date) => `Se renueva cada semana, la próxima el ${date}`,
      month: (date) => `Se renueva cada mes, el próximo el ${date}`,
      year: (date) => `Se renueva cada año, el próximo el ${date}`,
    },
    includedCredit: {
      day: (amount) => `Incluye ${amount} de crédito de uso cada día`,
      week: (amount) => `Incluye ${amount} de crédito de uso cada semana`,
      month: (amount) => `Incluye ${amount} de crédito de uso cada mes`,
      year: (amount) => `Incluye ${amount} de crédito de uso cada año`,
    },
    afterCredit: 'Cuando se agote el crédito',
    unit: {
      tokens_1m: 'por millón de tokens',
      characters_1m: 'por millón de caracteres',
      minutes: 'por minuto',
      requests: 'por solicitud',
    },
    percentage: (rate) => `${rate} % sobre el precio del proveedor de IA`,
    fromUnits: (rate, start) => `${rate} a partir de ${start}`,
    bundleCredits: (credits, plan) => `Añade ${credits} de crédito de uso a tu ${plan}`,
    oneTime: 'Pago único',
    upgradeNote: 'Sustituye hoy a tu plan actual, descontando la parte que no has usado',
    terms: 'Términos',
    privacy: 'Privacidad',
    support: 'Ayuda',
    secured: 'Protegido por Lava Checkout',
  },
  phone: {
    title: 'Verifica tu teléfono',
    returningTitle: 'Verifica que eres tú',
    label: 'Número de teléfono',
    country: 'País',
    hint: 'Te enviaremos un código de 6 dígitos por SMS.',
    returningText: (last4) =>
      `Enviaremos un código de 6 dígitos a tu teléfono terminado en •••• ${last4}.`,
    send: 'Enviar código',
    invalid: 'Introduce un número de teléfono válido.',
  },
  code: {
    title: 'Introduce tu código',
    sentTo: (phone) => `Enviamos un código de 6 dígitos al ${phone}.`,
    label: 'Código de verificación',
    verify: 'Verificar',
    resend: 'Enviar un código nuevo',
    resendIn: (seconds) => `Enviar un código nuevo en ${seconds} s`,
    resent: 'Te enviamos un código nuevo.',
    changePhone: 'Usar otro número',
    incomplete: 'Introduce los 6 dígitos del código.',
  },
  payment: {
    title: 'Pago',
    testCards:
      'Modo de prueba: usa 4242 4242 4242 4242, cualquier fecha futura y 3 dígitos cualesquiera.',
    payWith: 'Pagar con',
    cardOnFile: (brand, last4, expiry) => `${brand} •••• ${last4}, caduca ${expiry}`,
    newCard: 'Una tarjeta nueva',
    subscribe: {
      day: (price) => `Suscribirse por ${price} al día`,
      week: (price) => `Suscribirse por ${price} a la semana`,
      month: (price) => `Suscribirse por ${price} al mes`,
      year: (price) => `Suscribirse por ${price} al año`,
    },
    buy: (price) => `Comprar por ${price}`,
    upgrade: (price) => `Mejorar el plan por ${price} hoy`,
    processing: 'Procesando el pago…',
    loadingCardForm: 'Cargando el formulario seguro de la tarjeta…',
  },
  card: {
    number: 'Número de tarjeta',
    expiry: 'Fecha de caducidad',
    cvc: 'Código de seguridad',
    expiryPlaceholder: 'MM / AA',
    cvcHint: (digits) => `${digits} dígitos de tu tarjeta`,
    numberInvalid: 'El número de tu tarjeta no es correcto.',
    expiryInvalid: 'Introduce una fecha de caducidad futura.',
    cvcInvalid: 'Introduce el código de seguridad de tu tarjeta.',
  },
  success: {
    subscribedTitle: 'Ya estás suscrito',
    subscribedText: (plan) => `Te damos la bienvenida a ${plan}. Puedes cerrar esta ventana.`,
    alreadyTitle: 'Ya tenías esta suscripción',
    alreadyText: (plan) => `Ya tienes ${plan}, así que no te cobramos de nuevo.`,
    changeTitle: 'Tu plan va a cambiar',
    changeText: (plan, date) =>
      `Conservas tu plan actual hasta el ${date} y después pasas a ${plan}. Hoy no te cobramos nada.`,
    creditsTitle: 'Crédito añadido',
    creditsText: (credits, plan) => `Se añadieron ${credits} de crédito de uso a tu ${plan}.`,
  },
  ended: {
    invalidTitle: 'Este enlace de pago no es válido',
    invalidText: 'Vuelve al sitio del que vienes y empieza el pago de nuevo.',
    expiredTitle: 'Este pago ha caducado',
    expiredText: 'Los pagos duran 60 minutos. Vuelve y empieza de nuevo; no se cobró nada.',
    idleTitle: 'Este pago se cerró por inactividad',
    idleText:
      'No hubo actividad en 15 minutos, así que lo cerramos para proteger tus datos. Vuelve y empieza de nuevo.',
    completedTitle: 'Este pago ya se completó',
    completedSubscription: 'Tu suscripción está activa. No queda nada por hacer aquí.',
    completedBundle: 'Tu crédito ya se añadió. No queda nada por hacer aquí.',
  },
  actions: {
    cancel: 'Cancelar',
    backTo: (merchant) => `Volver a ${merchant}`,
    goBack: 'Volver',
  },
  errors: {
    ...ourSideErrors(SOMETHING_WRONG),
    unknown_error: 'Algo salió mal. Inténtalo de nuevo.',
    network_error: 'No pudimos conectar con el pago. Revisa tu conexión e inténtalo de nuevo.',
    page_unavailable: 'No se pudo cargar el pago. Ciérralo e inténtalo de nuevo.',
    session_invalid: 'Este enlace de pago no es válido.',
    session_expired: 'Este pago ha caducado.',
    session_completed: 'Este pago ya se completó.',
    session_idle: 'Este pago se cerró por inactividad.',
    invalid_phone: 'Introduce un número de teléfono válido, con su país.',
    phone_country_not_allowed:
      'No podemos enviar SMS a números de este país. Usa un número de otro país.',
    phone_not_textable: 'No podemos enviar SMS a este tipo de número. Usa un número móvil.',
    phone_already_verified: 'Tu número de teléfono ya está verificado.',
    too_many_codes: 'Ya pediste todos los códigos que permite un pago. Empieza de nuevo.',
    resend_too_soon: (d: ErrorDetails) =>
      `Espera un poco: podrás pedir otro código para este número ${d.wait}.`,
    too_many_sends: (d: ErrorDetails) =>
      `Se enviaron demasiados códigos a este número. Inténtalo de nuevo ${d.wait}.`,
    too_many_sends_from_address: (d: ErrorDetails) =>
      `Se pidieron demasiados códigos desde tu red. Inténtalo de nuevo ${d.wait}.`,
    sms_failed: 'No pudimos enviar un SMS a este número. Revísalo e inténtalo de nuevo.',
    no_code_sent: 'Pide un código primero.',
    code_expired: 'Este código ha caducado. Pide uno nuevo.',
    code_locked: 'Demasiados intentos fallidos con este código. Pide uno nuevo.',
    wrong_code: (d: ErrorDetails) =>
      d.attemptsLeft > 0
        ? `El código no es correcto. Te quedan ${tries(d.attemptsLeft)}.`
        : 'El código no es correcto. Pide uno nuevo.',
    phone_locked: (d: ErrorDetails) =>
      `Se probaron demasiados códigos erróneos para este número. Inténtalo de nuevo ${d.wait}.`,
    phone_not_verified: 'Verifica tu número de teléfono primero.',
    invalid_payment_method: 'Revisa los datos de tu tarjeta e inténtalo de nuevo.',
    invalid_card_number: 'El número de tu tarjeta no es correcto.',
    invalid_expiry: 'La fecha de caducidad de tu tarjeta no es correcta.',
    invalid_cvc: 'El código de seguridad de tu tarjeta no es correcto.',
    payment_in_progress: 'Tu pago ya se está procesando. Espera un momento.',
    too_many_payment_attempts: (d: ErrorDetails) =>
      `Demasiados intentos de pago con este número. Inténtalo de nuevo ${d.wait}.`,
    too_many_payment_attempts_from_address: (d: ErrorDetails) =>
      `Demasiados intentos de pago desde tu red. Inténtalo de nuevo ${d.wait}.`,
    too_many_payment_attempts_in_session:
      'Hiciste demasiados intentos de pago en esta compra. Empieza de nuevo.',
    card_declined: 'Tu tarjeta fue rechazada. Prueba con otra tarjeta.',
    insufficient_funds: 'Tu tarjeta no tiene fondos suficientes. Prueba con otra tarjeta.',
    expired_card: 'Tu tarjeta ha caducado. Prueba con otra tarjeta.',
    incorrect_cvc:
      'El código de seguridad de tu tarjeta no es correcto. Revísalo e inténtalo de nuevo.',
    authentication_failed:
      'Tu banco no confirmó este pago. Inténtalo de nuevo en unos minutos o usa otra tarjeta.',
    authentication_unsupported:
      'Esta tarjeta pide una comprobación que este pago no puede hacer. Prueba con otra tarjeta.',
    processing_error:
      'No pudimos completar el pago con la red de tarjetas. Inténtalo de nuevo en un momento; no se te cobrará dos veces.',
    no_card_on_file: 'No hay ninguna tarjeta guardada. Añade una tarjeta.',
    subscription_inactive: 'Tu plan ya no está activo, así que no se le puede añadir crédito.',
    card_form_loading: 'El formulario de la tarjeta aún se está cargando. Inténtalo en un momento.',
    card_form_unavailable:
      'No se pudo cargar el formulario de la tarjeta. Revisa tu conexión y vuelve a cargar la página.',
  },
};
