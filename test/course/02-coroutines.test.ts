import { describeCourseMatrix } from '../helpers/matrix.js';

describeCourseMatrix('02-coroutines');
