import CEditLine
import KubeSim
