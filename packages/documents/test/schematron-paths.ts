import { join } from 'node:path';
import { VALIDATION_DIR } from './tools';

/** The official EN 16931 UBL business rules (CEN/TC 434, compiled to XSLT 2.0). */
export const EN16931_XSLT = join(VALIDATION_DIR, 'en16931-schematron/EN16931-UBL-validation.xslt');

/** The official EN 16931 UBL examples: two invoices and a credit note. */
export const EN16931_EXAMPLES = join(VALIDATION_DIR, 'en16931-examples');
