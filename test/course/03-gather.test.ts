import { describeCourseMatrix } from '../helpers/matrix.js';

describeCourseMatrix('03-gather');
