import { describeCourseMatrix } from '../helpers/matrix.js';

describeCourseMatrix('04-threads');
