import { describeCourseMatrix } from '../helpers/matrix.js';

describeCourseMatrix('05-api-calls');
